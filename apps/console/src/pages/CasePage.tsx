import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { call } from '../api/client';
import { asCase, CASE_OUTCOMES, SLA_CLOCK_NAMES, type Case } from '../api/types';
import { useApi } from '../api/useApi';
import { ClockTag, useNow } from '../components/CaseDeadline';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';

type Target = 'acknowledged' | 'investigating' | 'awaiting_customer' | 'closed';

/** The moves the case's status allows (the feedback service's status flow); the API refuses any other with 409. */
export function movesFrom(status: string): { transitions: Target[]; answer: boolean; resolve: boolean; reopen: boolean; open: boolean } {
  const open = ['new', 'acknowledged', 'investigating', 'awaiting_customer'].includes(status);
  const transitions: Record<string, Target[]> = {
    new: ['acknowledged'],
    acknowledged: ['investigating', 'awaiting_customer'],
    investigating: ['awaiting_customer'],
    awaiting_customer: ['investigating'],
    resolved: ['closed'],
    closed: [],
  };
  return {
    transitions: transitions[status] ?? [],
    answer: status === 'acknowledged' || status === 'investigating',
    resolve: status === 'acknowledged' || status === 'investigating' || status === 'awaiting_customer',
    reopen: status === 'resolved' || status === 'closed',
    open,
  };
}

/** One case: its deadlines, what happened (history, escalations), and the moves its status and the user's role allow. */
export default function CasePage() {
  const caseId = useParams().caseId ?? '';
  const { t, tv, lang } = useI18n();
  const role = useSession().session?.actor.role;
  const now = useNow();
  const [shown, setShown] = useState<Case | null>(null);
  const loaded = useApi(async () => asCase(await call('get', '/v1/feedback/cases/{caseId}', { params: { caseId } })), [caseId]);
  const c = shown?.caseId === caseId ? shown : loaded.data;
  if (loaded.loading && !c) return <Spin />;
  if (!c) return <ErrorAlert error={loaded.error} />;
  const canHandle = role !== undefined && mayCall(role, 'POST /v1/feedback/cases/{caseId}/transitions');
  const canSeeMember = role !== undefined && mayCall(role, 'GET /v1/members/{memberId}');
  const done = (next: Case) => setShown(next);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('case.title')} · {c.caseId}
      </Typography.Title>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.details')}</h2>} extra={canHandle ? <CaseActions c={c} onDone={done} /> : null}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('case.status')}>
            <Tag data-testid="case-status">{tv('case.status', c.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.kind')}>
            {tv('case.kind', c.kind)} · {tv('case.subtype', c.subtype)}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.category')}>{tv('case.category', c.category)}</Descriptions.Item>
          <Descriptions.Item label={t('case.severity')}>{tv('case.severity', c.severity)}</Descriptions.Item>
          <Descriptions.Item label={t('case.channel')}>{tv('case.channel', c.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('desk.store')}>{c.storeId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('case.member')}>
            {c.memberId ? canSeeMember ? <Link to={`/members/${c.memberId}`}>{c.memberId}</Link> : c.memberId : t('case.nonMember')}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.team')}>
            {tv('case.team', c.team)}
            {c.assignee ? ` · ${c.assignee}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.escalationLevel')}>
            <span data-testid="case-escalation">{c.escalationLevel}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.openedAt')}>{formatDateTime(c.openedAt, lang)}</Descriptions.Item>
          {c.repeat && <Descriptions.Item label={t('case.repeatOf')}>{c.repeatOf}</Descriptions.Item>}
          <Descriptions.Item label={t('case.description')} span={3}>
            {c.description ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.deadlines')} span={3}>
            <Space wrap>{SLA_CLOCK_NAMES.map((n) => (c.sla[n] ? <ClockTag key={n} name={n} clock={c.sla[n]} now={now} /> : null))}</Space>
          </Descriptions.Item>
          {c.resolution && (
            <Descriptions.Item label={t('case.resolution')} span={3}>
              {c.resolution.outcomes.map((o) => tv('case.outcome', o)).join(', ')}
              {c.resolution.note ? ` · ${c.resolution.note}` : ''}
            </Descriptions.Item>
          )}
          {c.compensation && (
            <Descriptions.Item label={t('case.compensation')} span={3}>
              <span data-testid="case-compensation">
                {t('case.compensationPoints', { points: c.compensation.points })} · {tv('case.compensation', c.compensation.status)}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.history')}</h2>}>
            <Timeline
              items={c.history.map((h) => ({
                children: (
                  <>
                    <Typography.Text strong>{tv('case.action', h.action)}</Typography.Text>
                    {h.to ? ` → ${tv('case.status', h.to)}` : ''} · {formatDateTime(h.at, lang)}
                    {h.actor?.role ? ` · ${tv('role', h.actor.role)}` : ''}
                    {h.note ? <div>{h.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.escalations')}</h2>}>
            {c.escalations.length === 0 ? (
              t('common.none')
            ) : (
              <Timeline
                items={c.escalations.map((e) => ({
                  children: (
                    <>
                      L{e.level} · {tv('case.escalationReason', e.reason)} · {formatDateTime(e.at, lang)}
                      {e.note ? <div>{e.note}</div> : null}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** The buttons for what may happen next; each answers with the case as it is now. */
function CaseActions({ c, onDone }: { c: Case; onDone: (next: Case) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const moves = movesFrom(c.status);
  const params = { caseId: c.caseId };
  const run = async (key: string, write: () => Promise<Case>) => {
    setBusy(key);
    setError(null);
    try {
      onDone(await write());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const move = (to: Target) => run(to, async () => asCase(await call('post', '/v1/feedback/cases/{caseId}/transitions', { params, body: { to } })));
  const buttons: ReactNode[] = moves.transitions
    .filter((to) => to !== 'awaiting_customer')
    .map((to) => (
      <Button key={to} type={to === 'acknowledged' ? 'primary' : 'default'} loading={busy === to} onClick={() => void move(to)}>
        {t(`case.move.${to}`)}
      </Button>
    ));
  return (
    <Space direction="vertical" align="end">
      <Space wrap>
        {buttons}
        {moves.transitions.includes('awaiting_customer') && (
          <NoteModal
            label={t('case.move.awaiting_customer')}
            name="await"
            required
            onSubmit={async (note) =>
              onDone(asCase(await call('post', '/v1/feedback/cases/{caseId}/transitions', { params, body: { to: 'awaiting_customer', note } })))
            }
          />
        )}
        {moves.answer && (
          <NoteModal
            label={t('case.answer')}
            name="answer"
            required
            onSubmit={async (note) => onDone(asCase(await call('post', '/v1/feedback/cases/{caseId}/answers', { params, body: { note } })))}
          />
        )}
        {moves.resolve && (
          <FormModal<{ outcomes: (typeof CASE_OUTCOMES)[number][]; compensationPoints?: number; note?: string }>
            label={t('case.resolve')}
            name="resolve"
            submitLabel={t('case.resolve')}
            testId="resolve-open"
            initialValues={{ outcomes: ['apology'] }}
            onSubmit={async (v) => {
              // Points given are an outcome of their own (the service insists): added when left out.
              const points = v.compensationPoints || undefined;
              const outcomes = points && !v.outcomes.includes('compensation_points') ? [...v.outcomes, 'compensation_points' as const] : v.outcomes;
              const next = asCase(
                await call('post', '/v1/feedback/cases/{caseId}/resolution', {
                  params,
                  body: { outcomes, note: v.note || undefined, compensationPoints: points },
                }),
              );
              if (next.compensation) void message.success(t('case.compensationDone', { points: next.compensation.points }));
              onDone(next);
            }}
          >
            <Form.Item name="outcomes" label={t('case.outcomes')} rules={[{ required: true, message: t('auth.required') }]}>
              <Select mode="multiple" aria-label={t('case.outcomes')} options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome.${o}`) }))} />
            </Form.Item>
            {c.memberId && (
              <Form.Item name="compensationPoints" label={t('case.compensationPointsLabel')}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('case.note')}>
              <Input.TextArea maxLength={4000} rows={3} />
            </Form.Item>
          </FormModal>
        )}
        {moves.reopen && (
          <NoteModal
            label={t('case.reopen')}
            name="reopen"
            onSubmit={async (note) => onDone(asCase(await call('post', '/v1/feedback/cases/{caseId}/reopen', { params, body: { note } })))}
          />
        )}
        {moves.open && (
          <NoteModal
            label={t('case.escalate')}
            name="escalate"
            onSubmit={async (note) => onDone(asCase(await call('post', '/v1/feedback/cases/{caseId}/escalations', { params, body: { note } })))}
          />
        )}
        {moves.open && (
          <FormModal<{ assignee?: string; team?: 'service' | 'supervisors'; note?: string }>
            label={t('case.assign')}
            name="assign"
            primary={false}
            initialValues={{ team: c.team }}
            onSubmit={async (v) =>
              onDone(
                asCase(
                  await call('post', '/v1/feedback/cases/{caseId}/assignment', {
                    params,
                    body: { assignee: v.assignee || undefined, team: v.team, note: v.note || undefined },
                  }),
                ),
              )
            }
          >
            <Form.Item name="assignee" label={t('case.assignee')}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="team" label={t('case.team')}>
              <Select aria-label={t('case.team')} options={(['service', 'supervisors'] as const).map((v) => ({ value: v, label: t(`case.team.${v}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('case.note')}>
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </FormModal>
        )}
      </Space>
      <ErrorAlert error={error} />
    </Space>
  );
}

/** A write that takes a note (required where the customer must be told something). */
function NoteModal({
  label,
  name,
  required = false,
  onSubmit,
}: {
  label: string;
  name: string;
  required?: boolean;
  onSubmit: (note: string | undefined) => Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <FormModal<{ note?: string }> label={label} name={name} submitLabel={label} primary={false} onSubmit={(v) => onSubmit(v.note?.trim() || undefined)}>
      <Form.Item name="note" label={t('case.note')} rules={required ? [{ required: true, message: t('auth.required') }] : []}>
        <Input.TextArea maxLength={2000} rows={3} />
      </Form.Item>
    </FormModal>
  );
}
