import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { call } from '../api/client';
import { text, type CaseSubtype, type Consent, type Member } from '../api/types';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { MemberHistory } from '../components/MemberHistory';
import { OpenCaseButton, type CaseForm } from '../components/OpenCase';
import { SegmentProfileCard } from '../components/SegmentProfileCard';
import { CouponsTable, LedgerTable, PointsCard, TierCard } from '../components/MembershipCards';
import { formatDate, formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { isMessageKey, type MessageKey } from '../i18n/messages';
import { mayCall } from '../nav/navigation';
import { useSession } from '../session/SessionContext';
import { GOOD } from '../components/colours';

/** Everything about one member a service desk needs, each part from its own API call. */
export default function Member360Page() {
  const memberId = useParams().memberId ?? '';
  const { t } = useI18n();
  const role = useSession().session?.actor.role;
  const [full, setFull] = useState<Member | null>(null);
  const [version, setVersion] = useState(0);
  const member = useApi(() => call('get', '/v1/members/{memberId}', { params: { memberId } }), [memberId]);
  const tier = useApi(() => call('get', '/v1/members/{memberId}/tier-status', { params: { memberId } }), [memberId]);
  const balance = useApi(() => call('get', '/v1/members/{memberId}/points/balance', { params: { memberId } }), [memberId, version]);
  const coupons = useApi(() => call('get', '/v1/members/{memberId}/coupons', { params: { memberId } }), [memberId, version]);

  if (member.loading && !member.data) return <Spin />;
  if (!member.data) return <ErrorAlert error={member.error} />;
  const shown = full ?? member.data;
  const canAdjust = role !== undefined && mayCall(role, 'POST /v1/members/{memberId}/points/adjustments');
  const canExport = role !== undefined && mayCall(role, 'GET /v1/members/{memberId}/export');
  const canOpenCase = role !== undefined && mayCall(role, 'POST /v1/feedback/cases');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('member.title')} · <span data-testid="member-card-number">{text(shown.cardNumber)}</span>
      </Typography.Title>
      <ProfileCard
        member={shown}
        onUnmasked={setFull}
        extra={
          <>
            {canOpenCase && <OpenMemberCase memberId={memberId} storeId={shown.preferredStoreId} />}
            {canExport && <ExportButton memberId={memberId} />}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {tier.data ? <TierCard status={tier.data} /> : <ErrorAlert error={tier.error} />}
        </Col>
        <Col xs={24} lg={12}>
          {balance.data ? (
            <PointsCard balance={balance.data} extra={canAdjust ? <AdjustPoints memberId={memberId} onDone={() => setVersion((v) => v + 1)} /> : null} />
          ) : (
            <ErrorAlert error={balance.error} />
          )}
        </Col>
      </Row>
      {role !== undefined && mayCall(role, 'GET /v1/members/{memberId}/segment-profile') && <SegmentProfileCard memberId={memberId} />}
      <LedgerTable memberId={memberId} version={version} />
      {coupons.data ? <CouponsTable coupons={coupons.data.items} /> : <ErrorAlert error={coupons.error} />}
      <MemberHistory memberId={memberId} showProfile={role !== undefined && mayCall(role, 'GET /v1/members/{memberId}/history')} />
    </Space>
  );
}

function ConsentTag({ consent }: { consent: Consent | undefined }) {
  const { t, lang } = useI18n();
  if (!consent) return <Tag>{t('member.consent.none')}</Tag>;
  return (
    <Tag color={consent.granted ? GOOD : 'default'}>
      {t(consent.granted ? 'member.consent.granted' : 'member.consent.withdrawn')} · {formatDate(consent.at, lang)} · {consent.policyVersion}
    </Tag>
  );
}

/** The profile as the API returns it for this role: masked, unless unmasked with a reason (audited). */
function ProfileCard({ member, onUnmasked, extra }: { member: Member; onUnmasked: (m: Member) => void; extra: React.ReactNode }) {
  const { t, lang } = useI18n();
  const unmask = async ({ reason }: { reason: string }) => {
    onUnmasked(
      await call('get', '/v1/members/{memberId}', {
        params: { memberId: member.memberId },
        query: { view: 'full', reason },
        headers: { 'x-access-reason': reason },
      }),
    );
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('member.profile')}</h2>}
      extra={
        <Space>
          {member.masked && (
            <FormModal label={t('member.unmask')} name="unmask" submitLabel={t('member.unmaskConfirm')} primary={false} testId="unmask" onSubmit={unmask}>
              <Form.Item name="reason" label={t('member.unmaskReason')} rules={[{ required: true, message: t('auth.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
            </FormModal>
          )}
          {extra}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('member.name')}>
          <span data-testid="member-name">{text(member.name)}</span> {member.masked && <Tag>{t('member.masked')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.phone')}>{text(member.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('member.email')}>{text(member.email)}</Descriptions.Item>
        <Descriptions.Item label={t('member.birthday')}>{text(member.birthday)}</Descriptions.Item>
        <Descriptions.Item label={t('member.memberClass')}>
          {isMessageKey(`member.class.${member.memberClass}`) ? t(`member.class.${member.memberClass}` as MessageKey) : member.memberClass}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.status')}>{t(`member.status.${member.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('member.store')}>{member.preferredStoreId}</Descriptions.Item>
        <Descriptions.Item label={t('member.channel')}>{member.channel}</Descriptions.Item>
        <Descriptions.Item label={t('member.enrolledAt')}>{formatDateTime(member.enrolledAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('member.consents')} span={3}>
          <Space wrap>
            <span>
              {t('member.consent.marketing')}: <ConsentTag consent={member.consents.marketing} />
            </span>
            <span>
              {t('member.consent.analytics')}: <ConsentTag consent={member.consents.analytics} />
            </span>
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Goodwill or correction with a reason; the adjustment id makes a double click harmless. */
function AdjustPoints({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [adjustmentId, setAdjustmentId] = useState(() => crypto.randomUUID());
  const submit = async (v: { points: number; reasonCode: string; note?: string }) => {
    const r = await call('post', '/v1/members/{memberId}/points/adjustments', {
      params: { memberId },
      body: { adjustmentId, points: v.points, reasonCode: v.reasonCode, note: v.note || undefined },
    });
    void message.success(t('adjust.done', { available: r.available }));
    setAdjustmentId(crypto.randomUUID());
    onDone();
  };
  return (
    <FormModal
      label={t('adjust.open')}
      name="adjust"
      submitLabel={t('adjust.submit')}
      testId="adjust-open"
      initialValues={{ reasonCode: 'goodwill' }}
      onSubmit={submit}
    >
      <Form.Item
        name="points"
        label={t('adjust.points')}
        rules={[
          { required: true, message: t('adjust.nonZero') },
          { validator: (_, v: unknown) => (Number.isInteger(v) && v !== 0 ? Promise.resolve() : Promise.reject(new Error(t('adjust.nonZero')))) },
        ]}
      >
        <InputNumber style={{ width: '100%' }} precision={0} />
      </Form.Item>
      <Form.Item name="reasonCode" label={t('adjust.reason')}>
        <Select
          options={(['goodwill', 'correction', 'service_recovery'] as const).map((r) => ({ value: r, label: t(`adjust.reason.${r}`) }))}
          aria-label={t('adjust.reason')}
        />
      </Form.Item>
      <Form.Item name="note" label={t('adjust.note')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

/** A case for this member, recorded by staff from any channel; the case page opens once it exists. */
function OpenMemberCase({ memberId, storeId }: { memberId: string; storeId?: string | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const open = async (v: CaseForm) => {
    const opened = await call('post', '/v1/feedback/cases', { body: { ...v, subtype: v.subtype as CaseSubtype, memberId } });
    navigate(`/service-desk/cases/${opened.caseId}`);
  };
  return <OpenCaseButton staff label={t('case.open.forMember')} storeId={storeId} onSubmit={open} />;
}

/** The right of access: everything every service holds about the member, as one JSON file. */
function ExportButton({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    try {
      const data = await call('get', '/v1/members/{memberId}/export', { params: { memberId } });
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `member-${memberId}-export.json`;
      a.click();
      URL.revokeObjectURL(url);
      void message.success(t('member.exported'));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Button onClick={() => void run()}>{t('member.export')}</Button>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}
