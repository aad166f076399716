import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { call } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nContext';

type By = 'cardNumber' | 'phone' | 'email' | 'memberId';

/** Find a member by card number, phone, email or member id, then open their 360 view. */
export default function MemberSearchPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const search = async ({ by, value }: { by: By; value: string }) => {
    setBusy(true);
    setError(null);
    try {
      const v = value.trim();
      const member =
        by === 'memberId'
          ? await call('get', '/v1/members/{memberId}', { params: { memberId: v } })
          : await call('get', '/v1/members/lookup', { query: { [by]: v } });
      navigate(`/members/${encodeURIComponent(member.memberId)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('search.title')}</h1>} style={{ maxWidth: 640 }}>
      <Form layout="vertical" name="member-search" initialValues={{ by: 'cardNumber' }} onFinish={(v: { by: By; value: string }) => void search(v)}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="by" label={t('search.by')} style={{ width: 160 }}>
            <Select
              aria-label={t('search.by')}
              options={(['cardNumber', 'phone', 'email', 'memberId'] as const).map((k) => ({ value: k, label: t(`search.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="value" label={t('search.value')} style={{ flex: 1 }} rules={[{ required: true, message: t('auth.required') }]}>
            <Input allowClear />
          </Form.Item>
        </Space.Compact>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('search.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}
