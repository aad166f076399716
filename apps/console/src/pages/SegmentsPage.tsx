import { lazy, Suspense } from 'react';
import { Card, Col, Row, Space, Spin, Table } from 'antd';
import { call } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatMoney } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';

const BarChart = lazy(() => import('../components/BarChart'));
const HeatMap = lazy(() => import('../components/HeatMap'));
const SCORES = ['1', '2', '3', '4', '5'];

/** RFM segment sizes and spend, the R × F grid as a heat map, lifecycle stage counts. */
export default function SegmentsPage() {
  const { t, tv, lang } = useI18n();
  const overview = useApi(() => call('get', '/v1/segments'), []);
  const grid = useApi(() => call('get', '/v1/segments/grid'), []);
  const o = overview.data;
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('nav.segments')}</h1>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <ErrorAlert error={overview.error ?? grid.error} />
        {(overview.loading || grid.loading) && <Spin />}
        <Suspense fallback={<Spin />}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12} data-testid="rfm-grid">
              {grid.data && (
                <HeatMap
                  title={t('segments.grid')}
                  xName={t('segments.frequency')}
                  yName={t('segments.recency')}
                  xs={SCORES}
                  ys={SCORES}
                  cells={grid.data.cells.map((c) => [c.f - 1, c.r - 1, c.members] as [number, number, number])}
                />
              )}
            </Col>
            <Col xs={24} lg={12}>
              {o && (
                <BarChart
                  title={t('segments.stages')}
                  categories={o.stages.map((s) => tv('segments.stage', s.stage))}
                  values={o.stages.map((s) => s.members)}
                />
              )}
            </Col>
          </Row>
        </Suspense>
        {o && (
          <Table
            rowKey="segment"
            size="small"
            pagination={false}
            caption={t('segments.sizes', { days: o.windowDays })}
            dataSource={o.segments}
            columns={[
              { title: t('segments.segment'), dataIndex: 'segment', render: (v: string) => tv('segments.segment', v) },
              { title: t('segments.members'), dataIndex: 'members', align: 'right' },
              { title: t('segments.netSpend'), dataIndex: 'netSpendMinor', align: 'right', render: (v: number) => formatMoney(v, o.currency, lang) },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
