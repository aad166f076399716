import { useState } from 'react';
import { Card, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { call } from '../api/client';
import { asCase, CASE_CATEGORIES, CASE_SEVERITIES, CASE_STATUSES, type Case } from '../api/types';
import { useApi } from '../api/useApi';
import { CaseDeadline, useNow } from '../components/CaseDeadline';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { DANGER } from '../components/colours';
import { useSession } from '../session/SessionContext';

type Queue = 'mine' | 'team' | 'breached' | 'all';
interface Filters {
  storeId?: string;
  category?: string;
  severity?: string;
  status?: string;
}
const FILTERS = [
  { name: 'category', values: CASE_CATEGORIES, width: 200 },
  { name: 'severity', values: CASE_SEVERITIES, width: 160 },
  { name: 'status', values: CASE_STATUSES, width: 160 },
] as const;

/** Case queues (mine, my team's, breached, all), due soonest first, each with the deadline that matters now. */
export default function ServiceDeskPage() {
  const { t, tv, lang } = useI18n();
  const actor = useSession().session?.actor;
  const [queue, setQueue] = useState<Queue>('mine');
  const [filters, setFilters] = useState<Filters>({});
  const now = useNow();
  const cases = useApi(
    () =>
      call('get', '/v1/feedback/cases', {
        query: { queue: queue === 'breached' ? 'all' : queue, breached: queue === 'breached' ? 'true' : undefined, sort: 'due', ...filters },
      }),
    [queue, filters],
  );
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  const storeBound = actor?.role === 'store_manager';
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.serviceDesk')}</h1>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<Queue>
          value={queue}
          onChange={setQueue}
          options={(['mine', 'team', 'breached', 'all'] as const).map((q) => ({ value: q, label: t(`desk.queue.${q}`) }))}
          data-testid="queue"
        />
        <Space wrap>
          {storeBound ? (
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('desk.store')}
              aria-label={t('desk.store')}
              options={(actor?.storeIds ?? []).map((s) => ({ value: s, label: s }))}
              onChange={(v: string | undefined) => set({ storeId: v })}
            />
          ) : (
            <Input.Search
              allowClear
              style={{ width: 200 }}
              placeholder={t('desk.store')}
              aria-label={t('desk.store')}
              onSearch={(v) => set({ storeId: v.trim() || undefined })}
            />
          )}
          {FILTERS.map(({ name, values, width }) => (
            <Select
              key={name}
              allowClear
              style={{ width }}
              placeholder={t(`case.${name}`)}
              aria-label={t(`case.${name}`)}
              options={values.map((v) => ({ value: v, label: tv(`case.${name}`, v) }))}
              onChange={(v: string | undefined) => set({ [name]: v })}
            />
          ))}
        </Space>
        <ErrorAlert error={cases.error} />
        <Table<Case>
          rowKey="caseId"
          size="middle"
          loading={cases.loading}
          dataSource={(cases.data?.items ?? []).map(asCase)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('case.deadline'), key: 'deadline', render: (_, c) => <CaseDeadline c={c} now={now} /> },
            { title: t('case.id'), dataIndex: 'caseId', render: (id: string) => <Link to={`/service-desk/cases/${id}`}>{id}</Link> },
            { title: t('case.kind'), key: 'kind', render: (_, c) => `${tv('case.kind', c.kind)} · ${tv('case.subtype', c.subtype)}` },
            { title: t('case.category'), dataIndex: 'category', render: (v: string) => tv('case.category', v) },
            {
              title: t('case.severity'),
              dataIndex: 'severity',
              render: (v: string) => (v === 'urgent' ? <Tag color={DANGER}>{t('case.severity.urgent')}</Tag> : tv('case.severity', v)),
            },
            { title: t('case.status'), dataIndex: 'status', render: (v: string) => tv('case.status', v) },
            { title: t('desk.store'), dataIndex: 'storeId' },
            {
              title: t('case.team'),
              key: 'team',
              render: (_, c) => `${tv('case.team', c.team)}${c.assignee ? ` · ${c.assignee}` : ''}${c.escalationLevel > 0 ? ` · L${c.escalationLevel}` : ''}`,
            },
            { title: t('case.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDateTime(v, lang) },
          ]}
        />
      </Space>
    </Card>
  );
}
