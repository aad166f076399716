import { Card, Table, Tag, Typography } from 'antd';
import { call } from '../api/client';
import { asCase, type Case, type CaseSubtype } from '../api/types';
import { useApi } from '../api/useApi';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { ErrorAlert } from './ErrorAlert';
import { OpenCaseButton, type CaseForm } from './OpenCase';

/** The member's own cases (complaints, questions, after-sales) and a form to open one. */
export function MyCases() {
  const { t, tv, lang } = useI18n();
  const cases = useApi(async () => (await call('get', '/v1/me/cases')).items.map(asCase), []);
  const open = async (v: CaseForm) => {
    await call('post', '/v1/me/cases', {
      body: { kind: v.kind, subtype: v.subtype as CaseSubtype, category: v.category, storeId: v.storeId, description: v.description },
    });
    cases.reload();
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('me.cases')}</h2>}
      extra={<OpenCaseButton staff={false} label={t('me.complain')} onSubmit={open} />}
    >
      <ErrorAlert error={cases.error} />
      <Table<Case>
        rowKey="caseId"
        size="small"
        loading={cases.loading}
        dataSource={cases.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('me.noCases')}</Typography.Text> }}
        columns={[
          { title: t('case.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDateTime(v, lang) },
          { title: t('case.kind'), key: 'kind', render: (_, c) => `${tv('case.kind', c.kind)} · ${tv('case.category', c.category)}` },
          { title: t('case.description'), dataIndex: 'description', ellipsis: true },
          { title: t('case.status'), dataIndex: 'status', render: (v: string) => <Tag data-testid="my-case-status">{tv('case.status', v)}</Tag> },
          {
            title: t('case.resolution'),
            key: 'resolution',
            render: (_, c) => (c.resolution ? c.resolution.outcomes.map((o) => tv('case.outcome', o)).join(', ') : '—'),
          },
        ]}
      />
    </Card>
  );
}
