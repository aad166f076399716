import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { call } from '../api/client';
import type { ApiKey, Store } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';
import { GOOD } from '../components/colours';

/** Stores and their POS API keys: a new key is shown once, then only its prefix. */
export default function StoresPage() {
  const { t, lang } = useI18n();
  const role = useSession().session?.actor.role;
  const stores = useApi(async () => ((await call('get', '/v1/stores')) as { items: Store[] }).items, []);
  const canCreate = role !== undefined && mayCall(role, 'POST /v1/stores');
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.stores')}</h1>} extra={canCreate ? <CreateStore onDone={stores.reload} /> : null}>
      <ErrorAlert error={stores.error} />
      <Table<Store>
        rowKey="_id"
        loading={stores.loading}
        dataSource={stores.data ?? []}
        expandable={{ expandedRowRender: (s) => <ApiKeys storeId={s._id} /> }}
        columns={[
          { title: t('stores.id'), dataIndex: '_id', render: (v: string) => <code>{v}</code> },
          { title: t('stores.name'), dataIndex: 'name' },
          {
            title: t('rewards.active'),
            dataIndex: 'active',
            render: (v: boolean) => <Tag color={v ? GOOD : 'default'}>{t(v ? 'common.yes' : 'common.no')}</Tag>,
          },
          { title: t('stores.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
        ]}
      />
    </Card>
  );
}

function CreateStore({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const submit = async (v: { storeId: string; name: string }) => {
    await call('post', '/v1/stores', { body: v });
    onDone();
  };
  return (
    <FormModal label={t('stores.create')} name="create-store" onSubmit={submit}>
      <Form.Item name="storeId" label={t('stores.id')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/, message: t('stores.idRule') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('stores.name')} rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

function ApiKeys({ storeId }: { storeId: string }) {
  const { t, lang } = useI18n();
  const { modal } = AntApp.useApp();
  const role = useSession().session?.actor.role;
  const keys = useApi(async () => ((await call('get', '/v1/stores/{storeId}/api-keys', { params: { storeId } })) as { items: ApiKey[] }).items, [storeId]);
  const [error, setError] = useState<unknown>(null);
  const canIssue = role !== undefined && mayCall(role, 'POST /v1/stores/{storeId}/api-keys');
  const canRevoke = role !== undefined && mayCall(role, 'DELETE /v1/stores/{storeId}/api-keys/{keyId}');
  const issue = async () => {
    setError(null);
    try {
      const issued = (await call('post', '/v1/stores/{storeId}/api-keys', {
        params: { storeId },
        body: { label: `Till ${(keys.data?.length ?? 0) + 1}` },
      })) as ApiKey & { apiKey: string };
      modal.info({
        title: t('stores.keyIssued'),
        content: (
          <Space direction="vertical">
            <Typography.Text>{t('stores.keyOnce')}</Typography.Text>
            <Typography.Text code copyable data-testid="issued-key">
              {issued.apiKey}
            </Typography.Text>
          </Space>
        ),
      });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (keyId: string) => {
    try {
      await call('delete', '/v1/stores/{storeId}/api-keys/{keyId}', { params: { storeId, keyId } });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={keys.error ?? error} />
      <Table<ApiKey>
        rowKey="_id"
        size="small"
        pagination={false}
        loading={keys.loading}
        dataSource={keys.data ?? []}
        columns={[
          { title: t('stores.key'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
          { title: t('stores.label'), dataIndex: 'label' },
          { title: t('stores.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v, lang) : t('common.none')) },
          {
            title: t('member.status'),
            dataIndex: 'revokedAt',
            render: (v: string | null, k) =>
              v ? (
                <Tag>{t('stores.revoked')}</Tag>
              ) : canRevoke ? (
                <Popconfirm title={t('stores.revokeConfirm')} onConfirm={() => void revoke(k._id)}>
                  <Button size="small" danger>
                    {t('stores.revoke')}
                  </Button>
                </Popconfirm>
              ) : (
                <Tag color={GOOD}>{t('rewards.active')}</Tag>
              ),
          },
        ]}
      />
      {canIssue && <Button onClick={() => void issue()}>{t('stores.issueKey')}</Button>}
    </Space>
  );
}
