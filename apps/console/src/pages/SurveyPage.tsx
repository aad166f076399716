import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError, call, type ResponseOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';

type Answer = ResponseOf<'/v1/feedback/surveys/{token}', 'post'>;

/** The answers a customer can get instead of a thank-you, in their language (the API's detail is English). */
const KNOWN_REFUSALS: Record<string, MessageKey> = {
  'FEEDBACK.SURVEY_ALREADY_ANSWERED': 'survey.answered',
  'FEEDBACK.SURVEY_EXPIRED': 'survey.expired',
  'FEEDBACK.SURVEY_NOT_FOUND': 'survey.unknown',
};

/** Scores 1-5 as plain radio buttons: each one a labelled radio input a screen reader announces. */
const SCORES = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));

/**
 * The score as a form control. The form item gives its control `id` and `aria-required`; the latter is
 * only valid on an element with a role, so they go on a wrapping radiogroup rather than on antd's bare div.
 */
function ScoreInput({ value, onChange, ...aria }: { value?: number; onChange?: (score: number) => void; id?: string; 'aria-required'?: boolean }) {
  const { t } = useI18n();
  return (
    <div role="radiogroup" aria-label={t('survey.score')} {...aria}>
      <Radio.Group optionType="button" buttonStyle="solid" options={SCORES} value={value} onChange={(e) => onChange?.(e.target.value as number)} />
    </div>
  );
}

function Refusal({ error }: { error: unknown }) {
  const { t } = useI18n();
  const known = error instanceof ApiError ? KNOWN_REFUSALS[error.code] : undefined;
  if (!known) return <ErrorAlert error={error} />;
  return <Alert type="warning" showIcon role="alert" message={t(known)} description={<code>{(error as ApiError).code}</code>} />;
}

/**
 * The page a survey invitation links to (`/console/survey/<token>`): no sign-in, the one-time token
 * is the credential. A score and an optional comment; an answered or expired survey says so (410).
 */
export default function SurveyPage() {
  const { t, lang } = useI18n();
  const { token = '' } = useParams();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (v: { score: number; comment?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const comment = v.comment?.trim();
      setAnswer(await call('post', '/v1/feedback/surveys/{token}', { params: { token }, body: { score: v.score, ...(comment ? { comment } : {}) } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('survey.title')}</h1>} style={{ maxWidth: 520, margin: '48px auto' }}>
      {answer ? (
        <Alert
          type="success"
          showIcon
          role="status"
          message={t('survey.thanks')}
          description={
            <>
              <div>{answer.message[lang]}</div>
              {answer.followUpCaseId && <div>{t('survey.followUp', { caseId: answer.followUpCaseId })}</div>}
            </>
          }
        />
      ) : (
        <Form layout="vertical" name="survey" onFinish={(v: { score: number; comment?: string }) => void send(v)}>
          <Typography.Paragraph>{t('survey.question')}</Typography.Paragraph>
          <Form.Item label={t('survey.score')} name="score" rules={[{ required: true, message: t('auth.required') }]}>
            <ScoreInput />
          </Form.Item>
          <Form.Item label={t('survey.comment')} name="comment">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          {error !== null && (
            <div style={{ marginBottom: 16 }}>
              <Refusal error={error} />
            </div>
          )}
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('survey.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
