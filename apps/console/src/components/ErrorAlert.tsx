import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nContext';

/** Any failure as a readable message: the API's detail, the fields that were wrong, the trace id. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <Alert type="error" showIcon message={t('error.title')} description={t('error.page')} />;
  const detail = error.code === 'NETWORK' ? t('error.network') : error.status === 403 ? `${t('error.forbidden')} (${error.detail})` : error.detail;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={`${t('error.title')} · ${error.code}`}
      description={
        <div>
          <div>{detail}</div>
          {error.fields.length > 0 && (
            <ul>
              {error.fields.map((f) => (
                <li key={`${f.field}-${f.rule ?? ''}`}>
                  {t('error.field')} <code>{f.field}</code>: {f.message ?? f.rule}
                </li>
              ))}
            </ul>
          )}
          {error.correlationId && (
            <small>
              {t('error.correlation')}: <code>{error.correlationId}</code>
            </small>
          )}
        </div>
      }
    />
  );
}
