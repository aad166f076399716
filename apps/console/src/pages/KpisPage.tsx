import { lazy, Suspense, useState } from 'react';
import { Card, Col, DatePicker, Input, Row, Select, Space, Spin, Statistic } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { call } from '../api/client';
import { SLA_CLOCK_NAMES, type ServiceMetrics } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { useSession } from '../session/SessionContext';

const BarChart = lazy(() => import('../components/BarChart'));

/** Service KPIs by store and period (a store manager: their stores only, as the API scopes them). */
export default function KpisPage() {
  const { t, tv } = useI18n();
  const actor = useSession().session?.actor;
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(30, 'day').startOf('day'), dayjs().add(1, 'day').startOf('day')]);
  // The document has no response schema for the metrics yet: typed by hand (`ServiceMetrics`).
  const metrics = useApi<ServiceMetrics>(
    async () =>
      (await call('get', '/v1/feedback/metrics', { query: { storeId, from: period[0].toISOString(), to: period[1].toISOString() } })) as ServiceMetrics,
    [storeId, period],
  );
  const m = metrics.data;
  const n = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  const tiles: Array<[MessageKey, string | number]> = m
    ? [
        ['kpis.complaints', m.complaints],
        ['kpis.complaintRate', n(m.complaintRatePer1000)],
        ['kpis.resolutionRate', n(m.resolutionRatePercent, ' %')],
        ['kpis.timeToResolve', `${n(m.timeToResolveHours.median)} / ${n(m.timeToResolveHours.p90)} h`],
        ['kpis.csi', n(m.csi)],
        ['kpis.responseRate', n(m.responseRatePercent, ' %')],
        ['kpis.repeatRate', n(m.repeatRatePercent, ' %')],
        ['kpis.otherCases', `${m.consultations} / ${m.afterSales}`],
      ]
    : [];
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.kpis')}</h1>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          {actor?.role === 'store_manager' ? (
            <Select
              allowClear
              style={{ width: 220 }}
              placeholder={t('kpis.allMyStores')}
              aria-label={t('desk.store')}
              options={actor.storeIds.map((s) => ({ value: s, label: s }))}
              onChange={(v: string | undefined) => setStoreId(v)}
            />
          ) : (
            <Input.Search
              allowClear
              style={{ width: 220 }}
              placeholder={t('kpis.allStores')}
              aria-label={t('desk.store')}
              onSearch={(v) => setStoreId(v.trim() || undefined)}
            />
          )}
          <DatePicker.RangePicker
            value={period}
            allowClear={false}
            aria-label={t('kpis.period')}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPeriod([v[0].startOf('day'), v[1].add(1, 'day').startOf('day')]);
            }}
          />
        </Space>
        <ErrorAlert error={metrics.error} />
        {metrics.loading && !m && <Spin />}
        {m && (
          <>
            <Row gutter={[16, 16]} data-testid="kpis">
              {tiles.map(([label, value]) => (
                <Col key={label} xs={12} md={6}>
                  <Statistic title={t(label)} value={value} />
                </Col>
              ))}
            </Row>
            <Suspense fallback={<Spin />}>
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={8}>
                  <BarChart
                    title={t('kpis.onTime')}
                    categories={SLA_CLOCK_NAMES.map((c) => t(`sla.clock.${c}`))}
                    values={SLA_CLOCK_NAMES.map((c) => m.onTimePercent[c] ?? 0)}
                  />
                </Col>
                <Col xs={24} lg={8}>
                  <BarChart
                    title={t('kpis.topCategories')}
                    categories={m.topCategories.map((c) => tv('case.category', c.category))}
                    values={m.topCategories.map((c) => c.count)}
                  />
                </Col>
                <Col xs={24} lg={8}>
                  <BarChart title={t('kpis.topTerms')} categories={m.topTerms.map((c) => c.term)} values={m.topTerms.map((c) => c.count)} />
                </Col>
              </Row>
            </Suspense>
          </>
        )}
      </Space>
    </Card>
  );
}
