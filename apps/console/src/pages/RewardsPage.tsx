import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd';
import { call } from '../api/client';
import type { Reward } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { formatPoints } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';
import { GOOD } from '../components/colours';

/** The rewards members can buy with points; the programme's owners add rewards here. */
export default function RewardsPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const role = session?.actor.role;
  const rewards = useApi(() => call('get', '/v1/rewards'), []);
  const canWrite = role !== undefined && mayCall(role, 'POST /v1/rewards');
  // A member buys a reward for themselves here; staff do it for a member from Member 360.
  const ownMemberId = role === 'customer' ? session?.actor.memberId : undefined;
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('rewards.title')}</h1>} extra={canWrite ? <CreateReward onDone={rewards.reload} /> : null}>
      <ErrorAlert error={rewards.error} />
      <Table<Reward>
        rowKey="rewardId"
        loading={rewards.loading}
        dataSource={rewards.data ?? []}
        columns={[
          { title: 'ID', dataIndex: 'rewardId', render: (v: string) => <code>{v}</code> },
          { title: t('rewards.name'), dataIndex: 'name' },
          { title: t('rewards.description'), dataIndex: 'description' },
          { title: t('rewards.cost'), dataIndex: 'pointsCost', align: 'right', render: (v: number) => formatPoints(v, lang) },
          { title: t('rewards.validity'), dataIndex: 'couponValidityDays', align: 'right' },
          {
            title: t('rewards.active'),
            dataIndex: 'active',
            render: (v: boolean) => <Tag color={v ? GOOD : 'default'}>{t(v ? 'common.yes' : 'common.no')}</Tag>,
          },
          ...(ownMemberId
            ? [{ title: '', key: 'redeem', render: (_: unknown, r: Reward) => (r.active ? <RedeemButton memberId={ownMemberId} reward={r} /> : null) }]
            : []),
        ]}
      />
    </Card>
  );
}

function CreateReward({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const submit = async (v: { rewardId: string; name: string; description?: string; pointsCost: number; couponValidityDays?: number }) => {
    await call('post', '/v1/rewards', { body: v });
    void message.success(t('rewards.created'));
    onDone();
  };
  return (
    <FormModal label={t('rewards.create')} name="create-reward" onSubmit={submit}>
      <Form.Item name="rewardId" label="ID" rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('rewards.name')} rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label={t('rewards.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="pointsCost" label={t('rewards.cost')} rules={[{ required: true, message: t('auth.required') }]}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="couponValidityDays" label={t('rewards.validity')}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Spend points on a reward: the coupon is issued at once (the request id makes a double click harmless). */
function RedeemButton({ memberId, reward }: { memberId: string; reward: Reward }) {
  const { t } = useI18n();
  const { modal } = AntApp.useApp();
  const [requestId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const redeem = async () => {
    setError(null);
    try {
      const coupon = await call('post', '/v1/members/{memberId}/rewards/{rewardId}/redeem', {
        params: { memberId, rewardId: reward.rewardId },
        body: { requestId },
      });
      modal.success({ title: t('rewards.redeemed'), content: <Typography.Text code>{coupon.code}</Typography.Text> });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Popconfirm title={t('rewards.redeemConfirm', { points: reward.pointsCost })} onConfirm={() => void redeem()}>
        <Button size="small">{t('rewards.redeem')}</Button>
      </Popconfirm>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}
