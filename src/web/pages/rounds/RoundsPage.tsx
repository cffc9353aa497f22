import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fmtPeriod } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useReportingCalendar } from '../workflow/useReportingCalendar.ts';
import '../workflow/workflow.css';
import { OpenRoundModal } from './OpenRoundModal.tsx';
import { PeriodActions } from './PeriodActions.tsx';
import { RoundList } from './RoundList.tsx';
import { RemindModal } from './RemindModal.tsx';
import { RoundHistory } from './RoundHistory.tsx';
import { RoundStatusTable } from './RoundStatusTable.tsx';
import { pendingOf, type UnitStatus } from './types.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';
import { valueRoutes } from '../../../shared/api/values.ts';

/** 填报进度: the reporting rounds and, for the chosen one, who has reported what — late units first, in red. */
export function RoundsPage() {
  const { user } = useSession();
  const { lang } = useI18n();
  const t = useT();
  const { message } = App.useApp();
  const calendar = useReportingCalendar();
  const [chosenId, setChosenId] = useState<string | undefined>(undefined);
  const [opening, setOpening] = useState(false);
  const [reminding, setReminding] = useState<UnitStatus[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const roundId = chosenId ?? calendar.openRound?.id ?? calendar.rounds[0]?.id;
  const status = useRoute(roundRoutes.status, roundId ? { params: { id: roundId } } : null);
  const locks = useRoute(valueRoutes.locks, {});
  const coordinator = user?.role === 'coordinator';
  const reporter = user?.role === 'districtReporter' || user?.role === 'departmentReporter';
  const round = status.data?.round;
  const lock = round ? locks.data?.find((l) => l.period === round.period) : undefined;
  const late = status.data?.units.filter((u) => u.late).length ?? 0;
  const submittedLate = status.data?.units.filter((u) => u.submittedLateDays !== null).length ?? 0;
  const owing = status.data?.units.filter((u) => pendingOf(u) > 0) ?? [];

  return (
    <>
      <PageHeader
        title={t('rounds.title')}
        subtitle={t('rounds.subtitle')}
        extra={
          coordinator ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="round-new">
              {t('rounds.new')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        {/* Side by side only from 1600 px: below, the status table needs the whole width for its nine columns. */}
        <Col xs={{ flex: '100%' }} xxl={{ flex: '360px' }}>
          <Card title={t('rounds.list')} size="small">
            <RoundList
              rounds={calendar.rounds}
              loading={calendar.loading}
              selectedId={roundId}
              onSelect={setChosenId}
            />
          </Card>
        </Col>
        <Col xs={{ flex: '100%' }} xxl={{ flex: '1 1 0' }} style={{ minWidth: 0 }}>
          {status.error ? <ErrorAlert error={status.error} onRetry={status.reload} /> : null}
          {round && status.data ? (
            <div className="wf-panel">
              <div className="wf-toolbar">
                <Space size={32} wrap>
                  <Statistic title={t('wf.period')} value={fmtPeriod(round.period, lang)} />
                  <Statistic title={t('rounds.dueDate')} value={round.dueDate} />
                  <Statistic
                    title={t('rounds.late')}
                    value={late}
                    styles={{ content: { color: late > 0 ? '#cf1322' : '#389e0d' } }}
                    suffix={
                      <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                        / {status.data.units.length}
                      </Typography.Text>
                    }
                  />
                </Space>
                {coordinator ? (
                  <PeriodActions
                    period={round.period}
                    lock={lock}
                    onChanged={() => {
                      status.reload();
                      locks.reload();
                    }}
                  />
                ) : null}
              </div>
              <Typography.Paragraph type={late > 0 ? 'danger' : 'secondary'} data-testid="round-late-summary">
                {t('rounds.today', { today: status.data.today, due: round.dueDate })} ·{' '}
                {late > 0 ? t('rounds.lateSummary', { count: late }) : t('rounds.allOnTime')}
                {submittedLate > 0 ? ` · ${t('rounds.submittedLateSummary', { count: submittedLate })}` : ''}
              </Typography.Paragraph>
              {coordinator && round.status === 'open' && owing.length > 0 ? (
                <Space style={{ marginBottom: 12 }} wrap>
                  <Button
                    danger={late > 0}
                    data-testid="round-remind-selected"
                    disabled={selected.length === 0}
                    onClick={() => setReminding(owing.filter((u) => selected.includes(u.orgUnitId)))}
                  >
                    {t('rounds.remindSelected', { count: selected.length })}
                  </Button>
                  {late > 0 ? (
                    <Button
                      data-testid="round-remind-late"
                      onClick={() => setReminding(status.data?.units.filter((u) => u.late) ?? [])}
                    >
                      {t('rounds.remindLate', { count: late })}
                    </Button>
                  ) : null}
                </Space>
              ) : null}
              <RoundStatusTable
                status={status.data}
                loading={status.loading}
                canEnter={reporter}
                onRemind={coordinator ? setReminding : undefined}
                selected={selected}
                onSelect={setSelected}
              />
              <Card size="small" title={t('rounds.history')} style={{ marginTop: 16 }}>
                <RoundHistory status={status.data} />
              </Card>
            </div>
          ) : (
            <div className="wf-panel">{status.loading ? null : <Empty description={t('rounds.none')} />}</div>
          )}
        </Col>
      </Row>
      {round ? (
        <RemindModal
          roundId={round.id}
          period={round.period}
          units={reminding}
          onClose={() => setReminding(null)}
          onSent={() => {
            setReminding(null);
            setSelected([]);
            status.reload();
          }}
        />
      ) : null}
      <OpenRoundModal
        open={opening}
        year={calendar.year}
        frameworkId={calendar.frameworkId}
        onClose={() => setOpening(false)}
        onOpened={(opened) => {
          setOpening(false);
          void message.success(t('rounds.opened', { period: fmtPeriod(opened.period, lang) }));
          setChosenId(opened.id);
          calendar.reloadRounds();
        }}
      />
    </>
  );
}
