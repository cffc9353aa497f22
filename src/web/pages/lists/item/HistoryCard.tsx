import { Card, Timeline, Typography } from 'antd';
import { fmtTime } from '../../../format.ts';
import { isMsgId, useI18n, useT } from '../../../i18n.ts';
import { ITEM_STATUS_NAMES, type ItemStatus } from '../../../../domain/lists/types.ts';
import { ITEM_ACTION_NAMES, type ItemAction } from '../../../../domain/lists/workflow.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';

/** 操作记录: every step of the item, who and when. */
export function HistoryCard({ detail: d }: { detail: ItemDetail }) {
  const t = useT();
  const { lang } = useI18n();
  const historyName = (action: string): string => {
    if (action in ITEM_ACTION_NAMES) return ITEM_ACTION_NAMES[action as ItemAction][lang];
    const key = `history.${action}`;
    return isMsgId(key) ? t(key) : action;
  };
  return (
    <Card title={t('item.history')} size="small">
      <Timeline
        items={d.history.map((h) => ({
          content: (
            <>
              <strong>{historyName(h.action)}</strong>
              {h.toStatus && h.toStatus !== h.fromStatus
                ? ` → ${ITEM_STATUS_NAMES[h.toStatus as ItemStatus]?.[lang] ?? h.toStatus}`
                : ''}
              {h.note ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>{h.note}</div> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.userName ?? t('history.system')} {fmtTime(h.at)}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </Card>
  );
}
