import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { call } from '../api/client';
import type { AuditEntry } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';

interface Filter {
  memberId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** Who read whose personal data unmasked, when and why (newest first). */
export default function AuditLogPage() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [older, setOlder] = useState<{ items: AuditEntry[]; cursor: string | null }>({ items: [], cursor: null });
  const first = useApi(async () => {
    const page = await call('get', '/v1/audit-log', { query: { ...filter, limit: 50 } });
    setOlder({ items: [], cursor: page.nextCursor });
    return page;
  }, [filter]);
  const more = async () => {
    const page = await call('get', '/v1/audit-log', { query: { ...filter, limit: 50, cursor: older.cursor ?? undefined } });
    setOlder((o) => ({ items: [...o.items, ...page.items], cursor: page.nextCursor }));
  };
  const apply = (v: { memberId?: string; actorId?: string; period?: [Dayjs, Dayjs] | null }) =>
    setFilter({
      memberId: v.memberId?.trim() || undefined,
      actorId: v.actorId?.trim() || undefined,
      from: v.period?.[0]?.startOf('day').toISOString(),
      to: v.period?.[1]?.endOf('day').toISOString(),
    });

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('audit.title')}</h1>}>
      <Form layout="inline" name="audit-filter" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="memberId" label={t('audit.member')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="period" label={t('audit.period')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.filter')}
        </Button>
      </Form>
      <ErrorAlert error={first.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={first.loading}
        pagination={false}
        dataSource={[...(first.data?.items ?? []), ...older.items]}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
          { title: t('audit.actor'), dataIndex: 'actorId', render: (v: string) => <code>{v}</code> },
          { title: t('audit.role'), dataIndex: 'actorRole', render: (v: string) => t(`role.${v}` as MessageKey) ?? v },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
          { title: t('audit.member'), dataIndex: 'memberId', render: (v: string) => <Link to={`/members/${encodeURIComponent(v)}`}>{v}</Link> },
          { title: t('audit.fields'), dataIndex: 'fields', render: (v: string[]) => v.join(', ') },
          { title: t('audit.reason'), dataIndex: 'reason' },
        ]}
      />
      {older.cursor && (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => void more()}>{t('ledger.more')}</Button>
        </Space>
      )}
    </Card>
  );
}
