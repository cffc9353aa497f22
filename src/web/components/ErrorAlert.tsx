import { Alert, Button } from 'antd';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { issueLine } from '../apiErrors.ts';

/** An API error in the user's language, with its field messages and a retry. */
export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { lang, t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={error.text(lang)}
      description={
        error.details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {error.details.map((d, i) => (
              <li key={i}>{issueLine(d, lang, t)}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
