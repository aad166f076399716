import { Card, Descriptions, Tag } from 'antd';
import { call, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { formatDate } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { ErrorAlert } from './ErrorAlert';

/** A member's RFM segment and lifecycle stage (Member 360); none without analytics consent. */
export function SegmentProfileCard({ memberId }: { memberId: string }) {
  const { t, tv, lang } = useI18n();
  const profile = useApi(() => call('get', '/v1/members/{memberId}/segment-profile', { params: { memberId } }), [memberId]);
  const p = profile.data;
  const unknown = profile.error instanceof ApiError && profile.error.status === 404; // segments has not seen the member yet
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('segments.profile')}</h2>} data-testid="segment-profile">
      {!unknown && <ErrorAlert error={profile.error} />}
      {unknown && t('common.none')}
      {p && !p.profiled && t('segments.notProfiled')}
      {p?.profiled && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('segments.segment')}>{p.segment ? <Tag>{tv('segments.segment', p.segment)}</Tag> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('segments.stage')}>
            {p.stage ? tv('segments.stage', p.stage) : '—'}
            {p.stageSince ? ` · ${formatDate(p.stageSince, lang)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('segments.scores')}>{p.scores ? `${p.scores.r} / ${p.scores.f} / ${p.scores.m}` : '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
