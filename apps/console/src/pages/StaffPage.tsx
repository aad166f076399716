import { useState } from 'react';
import { Card, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { call } from '../api/client';
import type { StaffUser } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { useSession } from '../session/SessionContext';

const STAFF_ROLES: StaffUser['role'][] = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'];

/** Staff users and their roles; deactivating a user stops their tokens at once. */
export default function StaffPage() {
  const { t, lang } = useI18n();
  const me = useSession().session?.actor.id;
  const staff = useApi(async () => ((await call('get', '/v1/staff')) as { items: StaffUser[] }).items, []);
  const [error, setError] = useState<unknown>(null);
  const setActive = async (staffId: string, active: boolean) => {
    setError(null);
    try {
      await call('patch', '/v1/staff/{staffId}', { params: { staffId }, body: { active } });
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.staff')}</h1>} extra={<CreateStaff onDone={staff.reload} />}>
      <ErrorAlert error={staff.error ?? error} />
      <Table<StaffUser>
        rowKey="_id"
        loading={staff.loading}
        dataSource={staff.data ?? []}
        columns={[
          { title: t('staff.displayName'), dataIndex: 'displayName' },
          { title: t('auth.email'), dataIndex: 'email' },
          { title: t('audit.role'), dataIndex: 'role', render: (v: StaffUser['role']) => <Tag>{t(`role.${v}`)}</Tag> },
          { title: t('staff.stores'), dataIndex: 'storeIds', render: (v: string[]) => v.join(', ') },
          { title: t('stores.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          {
            title: t('rewards.active'),
            dataIndex: 'active',
            render: (v: boolean, u) => (
              <Switch checked={v} disabled={u._id === me} aria-label={`${t('rewards.active')}: ${u.email}`} onChange={(on) => void setActive(u._id, on)} />
            ),
          },
        ]}
      />
    </Card>
  );
}

function CreateStaff({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<StaffUser['role']>('service_agent');
  const submit = async (v: { email: string; displayName: string; password: string; role: StaffUser['role']; storeIds?: string }) => {
    const storeIds = v.storeIds?.split(/[\s,]+/).filter(Boolean);
    await call('post', '/v1/staff', {
      body: { email: v.email, displayName: v.displayName, password: v.password, role: v.role, ...(storeIds?.length ? { storeIds } : {}) },
    });
    onDone();
  };
  return (
    <FormModal
      label={t('staff.create')}
      name="create-staff"
      initialValues={{ role }}
      onValuesChange={(c: { role?: StaffUser['role'] }) => c.role && setRole(c.role)}
      onSubmit={submit}
    >
      <Form.Item name="displayName" label={t('staff.displayName')} rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email', message: t('auth.required') }]}>
        <Input type="email" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, min: 12, message: t('staff.passwordRule') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="role" label={t('audit.role')}>
        <Select aria-label={t('audit.role')} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      {role === 'store_manager' && (
        <Form.Item name="storeIds" label={t('staff.stores')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input placeholder="store-001, store-002" />
        </Form.Item>
      )}
    </FormModal>
  );
}
