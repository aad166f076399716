import { Alert, Col, Row, Space, Spin, Typography } from 'antd';
import { call } from '../api/client';
import type { MemberStatus } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { MyCases } from '../components/MyCases';
import { CouponsTable, LedgerTable, PointsCard, TierCard } from '../components/MembershipCards';
import { useI18n } from '../i18n/I18nContext';

/** The member's own page: tier and progress, points and what expires when, history, coupons, their cases. */
export default function MyMembershipPage() {
  const { t } = useI18n();
  // The gateway's aggregate has no response schema yet: its parts are the members and points schemas.
  const status = useApi(async () => (await call('get', '/v1/me/status')) as MemberStatus, []);
  if (status.loading && !status.data) return <Spin />;
  if (!status.data) return <ErrorAlert error={status.error} />;
  const s = status.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('me.welcome')}
      </Typography.Title>
      {s.partial && <Alert type="warning" showIcon message={t('me.partial', { services: s.unavailable.join(', ') })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {s.membership && <TierCard status={s.membership} />}
        </Col>
        <Col xs={24} lg={12}>
          {s.points && <PointsCard balance={s.points} />}
        </Col>
      </Row>
      <LedgerTable memberId={s.memberId} />
      {s.coupons && <CouponsTable coupons={s.coupons.items} />}
      <MyCases />
    </Space>
  );
}
