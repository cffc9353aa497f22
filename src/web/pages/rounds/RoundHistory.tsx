import { Timeline, Typography } from 'antd';
import { fmtTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { RoundStatus } from './types.ts';

/** The round's record: opened, reminders sent, each unit's completed report — late ones say by how many days. */
export function RoundHistory({ status }: { status: RoundStatus }) {
  const { t } = useI18n();
  return (
    <Timeline
      data-testid="round-history"
      items={[...status.history].reverse().map((e, k) => ({
        key: `${e.kind}-${e.orgUnitId ?? ''}-${e.at}-${k}`,
        color: e.kind === 'reminder' ? 'orange' : e.kind === 'submitted' && e.lateDays !== null ? 'red' : 'blue',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
              {fmtTime(e.at)}
            </Typography.Text>
            {e.kind === 'opened'
              ? t('rounds.historyOpened')
              : e.kind === 'reminder'
                ? t('rounds.historyReminder', {
                    unit: e.orgUnitName ?? '',
                    by: e.by ?? '',
                    recipients: e.recipients ?? 0,
                  })
                : e.lateDays !== null
                  ? t('rounds.historySubmittedLate', { unit: e.orgUnitName ?? '', days: e.lateDays })
                  : t('rounds.historySubmitted', { unit: e.orgUnitName ?? '' })}
            {e.note ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                {e.note}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
