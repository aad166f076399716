import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Select, Table, Tag } from 'antd';
import { call } from '../api/client';
import type { components } from '../api/schema';
import type { Campaign } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';
import { GOOD } from '../components/colours';

const KINDS: Campaign['kind'][] = ['welcome', 'birthday', 'win_back', 'vip_care', 'points_expiring', 'custom'];
const CHANNELS: Campaign['channel'][] = ['email', 'sms', 'push', 'app'];
type Audience = components['schemas']['CampaignAudienceDto'];
type Segment = NonNullable<Audience['segments']>[number];
type Stage = NonNullable<Audience['stages']>[number];
const SEGMENTS: Segment[] = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose_them',
  'hibernating',
  'lost',
];
const STAGES: Stage[] = ['prospect', 'new', 'active', 'high_value', 'at_risk', 'churned', 'reactivated'];

/** Campaigns: create one for a list of members, dispatch it, see who was reached and who was skipped. */
export default function CampaignsPage() {
  const { t, lang } = useI18n();
  const role = useSession().session?.actor.role;
  const campaigns = useApi(() => call('get', '/v1/campaigns', { query: { limit: 50 } }), []);
  const [error, setError] = useState<unknown>(null);
  const canWrite = role !== undefined && mayCall(role, 'POST /v1/campaigns');
  const canDispatch = role !== undefined && mayCall(role, 'POST /v1/campaigns/{campaignId}/dispatch');
  const dispatch = async (campaignId: string) => {
    setError(null);
    try {
      await call('post', '/v1/campaigns/{campaignId}/dispatch', { params: { campaignId } });
      campaigns.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.campaigns')}</h1>} extra={canWrite ? <CreateCampaign onDone={campaigns.reload} /> : null}>
      <ErrorAlert error={campaigns.error ?? error} />
      <Table<Campaign>
        rowKey="campaignId"
        loading={campaigns.loading}
        dataSource={campaigns.data?.items ?? []}
        expandable={{
          rowExpandable: (c) => c.dispatch !== null,
          expandedRowRender: (c) =>
            c.dispatch && (
              <Descriptions size="small" column={5}>
                <Descriptions.Item label={t('campaigns.sent')}>{c.dispatch.sent}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.skipped.no_consent')}>{c.dispatch.skipped.no_consent}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.skipped.unknown_member')}>{c.dispatch.skipped.unknown_member}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.skipped.erased')}>{c.dispatch.skipped.erased}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.completedAt')}>
                  {c.dispatch.completedAt ? formatDateTime(c.dispatch.completedAt, lang) : '…'}
                </Descriptions.Item>
              </Descriptions>
            ),
        }}
        columns={[
          { title: t('rewards.name'), dataIndex: 'name' },
          { title: t('campaigns.kind'), dataIndex: 'kind', render: (v: Campaign['kind']) => t(`campaigns.kind.${v}` as MessageKey) },
          { title: t('campaigns.channel'), dataIndex: 'channel' },
          { title: t('campaigns.audience'), dataIndex: 'audienceSize', align: 'right' },
          {
            title: t('member.status'),
            dataIndex: 'status',
            render: (v: Campaign['status']) => <Tag color={v === 'dispatched' ? GOOD : 'default'}>{t(`campaigns.status.${v}` as MessageKey)}</Tag>,
          },
          { title: t('stores.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          {
            title: '',
            render: (_, c) =>
              canDispatch && c.status !== 'dispatched' ? (
                <Button size="small" type="primary" onClick={() => void dispatch(c.campaignId)}>
                  {t('campaigns.dispatch')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function CreateCampaign({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const submit = async (v: {
    name: string;
    kind: Campaign['kind'];
    channel: Campaign['channel'];
    memberIds?: string;
    segments?: Segment[];
    stages?: Stage[];
  }) => {
    const memberIds = [...new Set((v.memberIds ?? '').split(/[\s,]+/).filter(Boolean))];
    // An audience by ids, or by segment and/or lifecycle stage (members in any of those chosen).
    const audience =
      memberIds.length > 0 ? { memberIds } : { segments: v.segments?.length ? v.segments : undefined, stages: v.stages?.length ? v.stages : undefined };
    await call('post', '/v1/campaigns', { body: { name: v.name, kind: v.kind, channel: v.channel, audience } });
    onDone();
  };
  const someAudience = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () => {
      const chosen = ['memberIds', 'segments', 'stages'].some((f) => {
        const value = getFieldValue(f);
        return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
      });
      return chosen ? Promise.resolve() : Promise.reject(new Error(t('campaigns.audienceRule')));
    },
  });
  return (
    <FormModal label={t('campaigns.create')} name="create-campaign" initialValues={{ kind: 'win_back', channel: 'sms' }} onSubmit={submit}>
      <Form.Item name="name" label={t('rewards.name')} rules={[{ required: true, message: t('auth.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('campaigns.kind')}>
        <Select aria-label={t('campaigns.kind')} options={KINDS.map((k) => ({ value: k, label: t(`campaigns.kind.${k}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="channel" label={t('campaigns.channel')}>
        <Select aria-label={t('campaigns.channel')} options={CHANNELS.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="segments" label={t('campaigns.segments')}>
        <Select mode="multiple" aria-label={t('campaigns.segments')} options={SEGMENTS.map((v) => ({ value: v, label: t(`segments.segment.${v}`) }))} />
      </Form.Item>
      <Form.Item name="stages" label={t('campaigns.stages')}>
        <Select mode="multiple" aria-label={t('campaigns.stages')} options={STAGES.map((v) => ({ value: v, label: t(`segments.stage.${v}`) }))} />
      </Form.Item>
      <Form.Item name="memberIds" label={t('campaigns.memberIds')} dependencies={['segments', 'stages']} rules={[someAudience]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
