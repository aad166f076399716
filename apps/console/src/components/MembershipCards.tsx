import { useState } from 'react';
import { Button, Card, Col, Empty, List, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { call } from '../api/client';
import type { Balance, Coupon, HistoryItem, TierStatus } from '../api/types';
import { useApi } from '../api/useApi';
import { formatDate, formatDateTime, formatDelta, formatMoney, formatPoints } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { ErrorAlert } from './ErrorAlert';
import { GOOD, HIGHLIGHT, INFO } from './colours';

/** Tier, its benefits and the progress to the next tier (staff's Member 360 and the member's own page). */
export function TierCard({ status }: { status: TierStatus }) {
  const { t, lang } = useI18n();
  const next = status.nextTier;
  const percent = next ? Math.min(100, Math.round((status.qualifyingSpendMinor / Math.max(1, status.qualifyingSpendMinor + next.remainingMinor)) * 100)) : 100;
  const b = status.tier.benefits;
  const benefits = [
    b.earnMultiplierPercent !== 100 && t('benefit.earnMultiplier', { value: b.earnMultiplierPercent }),
    b.birthdayBonusPoints > 0 && t('benefit.birthday', { value: b.birthdayBonusPoints }),
    b.memberDayDiscountPercent > 0 && t('benefit.memberDay', { value: b.memberDayDiscountPercent }),
    b.priorityService && t('benefit.priority'),
    b.freeDelivery && t('benefit.freeDelivery'),
  ].filter((x): x is string => typeof x === 'string');
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('tier.title')}</h2>} data-testid="tier-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Statistic title={t('tier.current')} value={status.tier.name} valueRender={() => <span data-testid="tier-name">{status.tier.name}</span>} />
        {next ? (
          <>
            <Typography.Text>
              {t('tier.next')}: <strong>{next.name}</strong> · {t('tier.remaining')} {formatMoney(next.remainingMinor, next.currency, lang)}{' '}
              {t('tier.deadline', { date: formatDate(next.deadline, lang) })}
            </Typography.Text>
            <Progress percent={percent} aria-label={`${t('tier.next')} ${next.name}`} />
          </>
        ) : (
          <Tag color={HIGHLIGHT}>{t('tier.top')}</Tag>
        )}
        <Typography.Text type="secondary">
          {t('tier.review')}: {formatDate(status.reviewDate, lang)}
        </Typography.Text>
        <div>
          <Typography.Text strong>{t('tier.benefits')}: </Typography.Text>
          {benefits.length ? benefits.map((x) => <Tag key={x}>{x}</Tag>) : t('common.none')}
        </div>
      </Space>
    </Card>
  );
}

/** Available, pending and expiring points, and when what expires. */
export function PointsCard({ balance, extra }: { balance: Balance; extra?: React.ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('points.title')}</h2>} extra={extra} data-testid="points-card">
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('points.available')}
            value={balance.available}
            formatter={(v) => <span data-testid="points-available">{formatPoints(Number(v), lang)}</span>}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('points.pending')}
            value={balance.pending}
            formatter={(v) => <span data-testid="points-pending">{formatPoints(Number(v), lang)}</span>}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('points.expiringSoon')}
            value={balance.expiringWithin30Days}
            formatter={(v) => <span data-testid="points-expiring">{formatPoints(Number(v), lang)}</span>}
          />
        </Col>
      </Row>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
        {t('points.expiring')}
      </Typography.Title>
      {balance.expiring.length ? (
        <List
          size="small"
          dataSource={balance.expiring}
          renderItem={(e) => (
            <List.Item>
              {formatPoints(e.points, lang)} · {t('points.expiresAt')} {formatDate(e.expiresAt, lang)}
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('points.none')}</Typography.Text>
      )}
    </Card>
  );
}

/** The points ledger of a member, newest first, a page at a time. */
export function LedgerTable({ memberId, version = 0 }: { memberId: string; version?: number }) {
  const { t, lang } = useI18n();
  const [more, setMore] = useState<{ items: HistoryItem[]; cursor: string | null; error: unknown }>({ items: [], cursor: null, error: null });
  const first = useApi(async () => {
    const page = await call('get', '/v1/members/{memberId}/points/history', { params: { memberId }, query: { limit: 20 } });
    setMore({ items: [], cursor: page.nextCursor, error: null });
    return page;
  }, [memberId, version]);
  const loadMore = async () => {
    try {
      const page = await call('get', '/v1/members/{memberId}/points/history', { params: { memberId }, query: { limit: 20, cursor: more.cursor ?? undefined } });
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, error }));
    }
  };
  const rows = [...(first.data?.items ?? []), ...more.items];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ledger.title')}</h2>}>
      <ErrorAlert error={first.error ?? more.error} />
      <Table<HistoryItem>
        data-testid="ledger"
        size="small"
        rowKey="id"
        loading={first.loading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('ledger.when'), dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v, lang) },
          { title: t('ledger.type'), dataIndex: 'type', render: (v: HistoryItem['type']) => <Tag>{t(`ledger.type.${v}` as MessageKey)}</Tag> },
          { title: t('ledger.available'), dataIndex: 'available', align: 'right', render: (v: number) => formatDelta(v, lang) },
          { title: t('ledger.pending'), dataIndex: 'pending', align: 'right', render: (v: number) => formatDelta(v, lang) },
          { title: t('ledger.reason'), dataIndex: 'reason' },
        ]}
      />
      {more.cursor && (
        <Button style={{ marginTop: 8 }} onClick={() => void loadMore()}>
          {t('ledger.more')}
        </Button>
      )}
    </Card>
  );
}

const COUPON_COLOURS: Record<Coupon['state'], string> = { issued: GOOD, redeemed: INFO, cancelled: 'default', expired: 'default' };

export function CouponsTable({ coupons }: { coupons: Coupon[] }) {
  const { t, lang } = useI18n();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('coupons.title')}</h2>}>
      {coupons.length === 0 ? (
        <Empty description={t('coupons.none')} />
      ) : (
        <Table<Coupon>
          size="small"
          rowKey="couponId"
          pagination={false}
          dataSource={coupons}
          columns={[
            { title: t('coupons.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
            { title: t('coupons.state'), dataIndex: 'state', render: (v: Coupon['state']) => <Tag color={COUPON_COLOURS[v]}>{t(`coupons.state.${v}`)}</Tag> },
            { title: t('coupons.cost'), dataIndex: 'pointsCost', align: 'right', render: (v: number) => formatPoints(v, lang) },
            { title: t('coupons.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatDate(v, lang) },
            { title: t('coupons.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDate(v, lang) },
          ]}
        />
      )}
    </Card>
  );
}
