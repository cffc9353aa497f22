import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { fmtTime } from '../../../format.ts';
import { useI18n, useT } from '../../../i18n.ts';
import { NOTICE_STATUS_NAMES } from '../../../../domain/lists/types.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import type { ItemActions } from './useItemActions.ts';

/** 督办单: supervision notices with their answers and reviews. */
export function NoticesCard({ detail: d, actions }: { detail: ItemDetail; actions: ItemActions }) {
  const t = useT();
  const { lang } = useI18n();
  const { setOpen } = actions;
  return (
    <Card title={t('item.notices')} style={{ marginBottom: 16 }} size="small" data-testid="item-notices">
      {d.notices.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
      ) : (
        d.notices.map((n) => (
          <Card
            key={n.id}
            type="inner"
            size="small"
            style={{ marginBottom: 8 }}
            title={
              <Space wrap>
                <strong>{n.code}</strong>
                <Tag color={n.status === 'closed' ? 'success' : n.status === 'answered' ? 'processing' : 'error'}>
                  {NOTICE_STATUS_NAMES[n.status][lang]}
                </Tag>
                {n.origin === 'auto' ? <Tag>{t('item.noticeAuto')}</Tag> : null}
                {n.escalatedAt ? <Tag color="red">{t('item.escalated')}</Tag> : null}
              </Space>
            }
            extra={<Typography.Text type="secondary">{t('item.noticeDue', { date: n.dueDate })}</Typography.Text>}
          >
            <div style={{ whiteSpace: 'pre-wrap' }}>{n.problem}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.issuedBy ?? t('item.noticeAuto')} {fmtTime(n.issuedAt)}
            </Typography.Text>
            {n.answers.map((a) => (
              <Alert
                key={a.id}
                style={{ marginTop: 8 }}
                type={a.review === 'accepted' ? 'success' : a.review === 'returned' ? 'warning' : 'info'}
                title={`${t('item.answer')}：${a.answer}`}
                description={`${a.answeredBy ?? ''} ${fmtTime(a.answeredAt)}${a.review ? ` · ${a.review === 'accepted' ? t('item.accept') : t('item.returnAnswer')}${a.reviewNote ? `：${a.reviewNote}` : ''}（${a.reviewedBy ?? ''}）` : ''}`}
              />
            ))}
            <Space style={{ marginTop: 8 }}>
              {n.canAnswer ? (
                <Button
                  type="primary"
                  size="small"
                  data-testid={`notice-answer-${n.code}`}
                  onClick={() => setOpen({ kind: 'answer', id: n.id, version: n.version })}
                >
                  {t('item.answer')}
                </Button>
              ) : null}
              {n.canReview ? (
                <Button
                  type="primary"
                  size="small"
                  data-testid={`notice-review-${n.code}`}
                  onClick={() => setOpen({ kind: 'review', id: n.id, version: n.version })}
                >
                  {t('item.reviewAnswer')}
                </Button>
              ) : null}
            </Space>
          </Card>
        ))
      )}
    </Card>
  );
}
