import { lazy, Suspense, useState } from 'react';
import { Button, Card, Collapse, Descriptions, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { call } from '../api/client';
import type { RuleSet, Simulation, TierConfig } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime, formatMoney } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';

// ECharts is large: loaded only when a simulation is shown.
const BarChart = lazy(() => import('../components/BarChart'));

/** Loyalty setup: the tier programme (with its simulation) and the earning rules' versions. */
export default function ProgrammePage() {
  const { t } = useI18n();
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.programme')}</h1>}>
      <Tabs
        items={[
          { key: 'tiers', label: t('programme.tiers'), children: <TiersTab /> },
          { key: 'rules', label: t('programme.rules'), children: <RulesTab /> },
        ]}
      />
    </Card>
  );
}

function TiersTab() {
  const { t, lang } = useI18n();
  const role = useSession().session?.actor.role;
  const config = useApi(() => call('get', '/v1/tiers'), []);
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!config.data) return config.loading ? <Spin /> : <ErrorAlert error={config.error} />;
  const c: TierConfig = config.data;
  const canSimulate = role !== undefined && mayCall(role, 'POST /v1/tiers/simulate');
  const simulate = async () => {
    setError(null);
    try {
      setSimulation(await call('post', '/v1/tiers/simulate', { body: { tiers: c.tiers } }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t('programme.qualification')}>{t(`programme.qualification.${c.qualification}`)}</Descriptions.Item>
        <Descriptions.Item label={t('programme.currency')}>{c.currency}</Descriptions.Item>
        <Descriptions.Item label={t('programme.graceDays')}>{c.graceDays}</Descriptions.Item>
        <Descriptions.Item label={t('programme.version')}>{c.version}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={c.tiers}
        columns={[
          { title: t('programme.tier'), dataIndex: 'name', render: (v: string, r) => `${v} (${r.code})` },
          { title: t('programme.threshold'), dataIndex: 'thresholdMinor', align: 'right', render: (v: number) => formatMoney(v, c.currency, lang) },
          { title: t('programme.earnMultiplier'), align: 'right', render: (_, r) => `${r.benefits.earnMultiplierPercent}%` },
          { title: t('programme.birthdayPoints'), align: 'right', render: (_, r) => r.benefits.birthdayBonusPoints },
          { title: t('programme.memberDay'), align: 'right', render: (_, r) => `${r.benefits.memberDayDiscountPercent}%` },
          {
            title: t('tier.benefits'),
            render: (_, r) => (
              <Space>
                {r.benefits.priorityService && <Tag>{t('benefit.priority')}</Tag>}
                {r.benefits.freeDelivery && <Tag>{t('benefit.freeDelivery')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {canSimulate && (
        <Button onClick={() => void simulate()} data-testid="simulate">
          {t('programme.simulate')}
        </Button>
      )}
      <ErrorAlert error={error} />
      {simulation && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="simulation">
          <Typography.Text>{t('programme.simulation', { up: simulation.up, down: simulation.down, unchanged: simulation.unchanged })}</Typography.Text>
          <Suspense fallback={<Spin />}>
            <BarChart
              title={t('programme.byTier')}
              categories={c.tiers.map((tier) => tier.name)}
              values={c.tiers.map((tier) => simulation.byTier[tier.code] ?? 0)}
            />
          </Suspense>
        </Space>
      )}
    </Space>
  );
}

function RulesTab() {
  const { t, lang } = useI18n();
  const rules = useApi(() => call('get', '/v1/points/rules'), []);
  if (!rules.data) return rules.loading ? <Spin /> : <ErrorAlert error={rules.error} />;
  const versions: RuleSet[] = [...rules.data].sort((a, b) => b.version - a.version);
  return (
    <Collapse
      defaultActiveKey={versions[0] ? [String(versions[0].version)] : []}
      items={versions.map((v) => ({
        key: String(v.version),
        label: `${t('programme.version')} ${v.version} · ${t('programme.effectiveFrom')} ${formatDateTime(v.effectiveFrom, lang)}`,
        children: <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v.rules, null, 2)}</pre>,
      }))}
    />
  );
}
