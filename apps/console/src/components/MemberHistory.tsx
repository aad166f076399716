import { Card, Table, Tabs, Tag } from 'antd';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { ErrorAlert } from './ErrorAlert';

type TierChange = components['schemas']['TierHistoryItem'];
type ProfileChange = components['schemas']['ChangeHistoryItem'];

/** Tier changes with their reasons, and who changed which profile fields when. */
export function MemberHistory({ memberId, showProfile }: { memberId: string; showProfile: boolean }) {
  const { t, lang } = useI18n();
  const tiers = useApi(() => call('get', '/v1/members/{memberId}/tier-history', { params: { memberId } }), [memberId]);
  const profile = useApi(async () => (showProfile ? call('get', '/v1/members/{memberId}/history', { params: { memberId } }) : null), [memberId, showProfile]);
  const tierTab = (
    <>
      <ErrorAlert error={tiers.error} />
      <Table<TierChange>
        size="small"
        rowKey={(r) => `${r.at}-${r.to}`}
        loading={tiers.loading}
        pagination={false}
        dataSource={tiers.data?.items ?? []}
        columns={[
          { title: t('ledger.when'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
          { title: t('history.change'), render: (_, r) => `${r.from} → ${r.to}` },
          { title: t('ledger.reason'), dataIndex: 'reason', render: (v: string, r) => [v, r.note].filter(Boolean).join(' · ') },
          { title: t('history.by'), dataIndex: 'by', render: (v: string) => <code>{v}</code> },
        ]}
      />
    </>
  );
  const profileTab = (
    <>
      <ErrorAlert error={profile.error} />
      <Table<ProfileChange>
        size="small"
        rowKey={(r) => `${r.at}-${r.actorId}`}
        loading={profile.loading}
        pagination={false}
        dataSource={profile.data?.items ?? []}
        columns={[
          { title: t('ledger.when'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
          { title: t('history.fields'), dataIndex: 'fields', render: (v: string[]) => v.map((f) => <Tag key={f}>{f}</Tag>) },
          { title: t('history.by'), dataIndex: 'actorId', render: (v: string, r) => `${v} (${t(`role.${r.actorRole}` as MessageKey)})` },
        ]}
      />
    </>
  );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history.title')}</h2>}>
      <Tabs
        items={[
          { key: 'tiers', label: t('history.tiers'), children: tierTab },
          ...(showProfile ? [{ key: 'profile', label: t('history.profile'), children: profileTab }] : []),
        ]}
      />
    </Card>
  );
}
