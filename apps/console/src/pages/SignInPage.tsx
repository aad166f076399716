import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { call } from '../api/client';
import type { Actor, IssuedToken } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nContext';
import { homeFor } from '../nav/navigation';
import { useSession } from '../session/SessionContext';

/** Staff sign in with email and password; members (demo) with their member id. */
export default function SignInPage() {
  const { t } = useI18n();
  const { signIn, signedOutBecause } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const finish = (issued: IssuedToken, label: string) => {
    const actor = issued.actor as Actor;
    signIn({ token: issued.accessToken, expiresAt: issued.expiresAt, actor, label });
    navigate(from && from !== '/sign-in' ? from : homeFor(actor.role), { replace: true });
  };
  const attempt = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const staff = (
    <Form
      layout="vertical"
      name="staff-sign-in"
      onFinish={(v: { email: string; password: string }) =>
        void attempt(async () => finish((await call('post', '/v1/auth/token', { body: { email: v.email, password: v.password } })) as IssuedToken, v.email))
      }
    >
      <Form.Item label={t('auth.email')} name="email" rules={[{ required: true, message: t('auth.required') }]}>
        <Input type="email" autoComplete="username" />
      </Form.Item>
      <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('auth.signIn')}
      </Button>
    </Form>
  );
  const customer = (
    <Form
      layout="vertical"
      name="customer-sign-in"
      onFinish={(v: { memberId: string }) =>
        void attempt(async () =>
          finish((await call('post', '/v1/auth/customer/demo-token', { body: { memberId: v.memberId.trim() } })) as IssuedToken, v.memberId.trim()),
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('auth.customerHint')}</Typography.Paragraph>
      <Form.Item label={t('auth.memberId')} name="memberId" rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('auth.signIn')}
      </Button>
    </Form>
  );

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('auth.signIn')}</h1>} style={{ maxWidth: 420, margin: '48px auto' }}>
      {signedOutBecause === 'expired' && <Alert type="warning" showIcon message={t('auth.expired')} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          { key: 'staff', label: t('auth.staff'), children: staff },
          { key: 'customer', label: t('auth.customer'), children: customer },
        ]}
        onChange={() => setError(null)}
      />
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}
