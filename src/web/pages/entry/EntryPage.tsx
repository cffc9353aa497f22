import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Switch, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ValueHistoryDrawer } from '../../components/ValueHistoryDrawer.tsx';
import { fmtPeriod } from '../../format.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { Me } from '../../types.ts';
import { localTimes } from '../workflow/bilingual.ts';
import { useReportingCalendar } from '../workflow/useReportingCalendar.ts';
import { useUnsavedGuard } from '../workflow/useUnsavedGuard.ts';
import '../workflow/workflow.css';
import { EntrySearchForm } from './EntrySearchForm.tsx';
import { EntryTable } from './EntryTable.tsx';
import { ImportExcelButton, TemplateLink } from './ImportExcel.tsx';
import { notMine } from './readOnly.ts';
import type { GridRow } from './types.ts';
import { useComputedFigures } from './useComputedFigures.ts';
import { useEntryGrid, type EntryGrid } from './useEntryGrid.ts';

/** District reporters enter for the units of their entry scope; everyone else picks from what they may read. */
function scopeOf(user: Me | undefined): string[] {
  if (!user) return [];
  return user.role === 'districtReporter' && user.entryScope.length > 0 ? user.entryScope : user.viewScope;
}

/** 数据填报: the grid of one org unit and period — enter, check, save as draft, submit for review. */
export function EntryPage() {
  const { user } = useSession();
  const { lang, pick } = useI18n();
  const t = useT();
  const { modal } = App.useApp();
  const calendar = useReportingCalendar();
  const org = useOrgUnits();
  const [params] = useSearchParams();
  const scope = useMemo(() => scopeOf(user), [user]);
  const defaultOrg = scope.find((id) => org.byId.get(id)?.kind !== 'department');
  const [chosen, setChosen] = useState<{ orgUnitId: string | undefined; period: string | undefined }>({
    orgUnitId: params.get('orgUnitId') ?? undefined,
    period: params.get('period') ?? undefined,
  });
  const orgUnitId = chosen.orgUnitId ?? defaultOrg;
  const period = chosen.period ?? calendar.defaultPeriod;
  const state = useEntryGrid(orgUnitId, period);
  const computed = useComputedFigures(state.grid);
  const [historyRow, setHistoryRow] = useState<GridRow | null>(null);
  const [showAll, setShowAll] = useState(false);
  const dirty = state.changedCodes.length;

  useUnsavedGuard(dirty > 0, {
    title: t('entry.leaveTitle'),
    content: t('entry.leaveConfirm', { count: dirty }),
    okText: t('entry.leave'),
    cancelText: t('entry.stay'),
  });

  const choose = (next: { orgUnitId: string | undefined; period: string | undefined }) => {
    if (dirty === 0) {
      setChosen(next);
      return;
    }
    modal.confirm({
      title: t('entry.leaveTitle'),
      content: t('entry.leaveConfirm', { count: dirty }),
      okText: t('entry.leave'),
      cancelText: t('entry.stay'),
      okButtonProps: { danger: true },
      onOk: () => setChosen(next),
    });
  };

  const unit = orgUnitId ? org.byId.get(orgUnitId) : undefined;
  const unitName = unit ? pick(unit.name, unit.nameEn) : (orgUnitId ?? '');
  const grid = state.grid;
  const returned = grid?.rows.filter((r) => r.value?.status === 'returned').length ?? 0;
  // A department reporter sees every indicator of the unit but enters only those its department leads.
  const othersCount = grid ? grid.rows.filter((r) => notMine(r, grid.locked)).length : 0;
  const rows = grid ? (showAll ? grid.rows : grid.rows.filter((r) => !notMine(r, grid.locked))) : [];

  return (
    <>
      <PageHeader title={t('entry.title')} subtitle={t('entry.subtitle')} />
      <EntrySearchForm
        scope={scope}
        orgUnitId={orgUnitId}
        period={period}
        year={calendar.year}
        openRound={calendar.openRound}
        onChange={choose}
      />
      {state.loadError ? <ErrorAlert error={state.loadError} onRetry={() => void state.reload()} /> : null}
      {grid?.locked ? (
        <Alert
          data-testid="entry-locked-banner"
          type="error"
          showIcon
          icon={<LockOutlined />}
          title={t('entry.locked', { period: fmtPeriod(grid.period, lang) })}
          description={t('entry.lockedHint')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {returned > 0 ? (
        <Alert
          data-testid="entry-returned-banner"
          type="warning"
          showIcon
          title={t('entry.returnedBanner', { count: returned })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <div className="wf-panel">
        {orgUnitId && period ? (
          <EntryToolbar state={state} orgUnitId={orgUnitId} period={period} unitName={unitName} />
        ) : null}
        {othersCount > 0 ? (
          <div className="wf-toolbar">
            <Space>
              <Switch size="small" checked={showAll} onChange={setShowAll} data-testid="entry-show-all" />
              <span className="muted">{t('entry.showAll', { count: othersCount })}</span>
            </Space>
          </div>
        ) : null}
        <EntryTable state={state} rows={rows} onHistory={setHistoryRow} computed={computed} />
      </div>
      <ValueHistoryDrawer
        valueId={historyRow?.value?.id ?? null}
        title={
          historyRow
            ? `${historyRow.indicatorCode} ${pick(historyRow.name, historyRow.nameEn)} · ${unitName}`
            : undefined
        }
        unit={historyRow?.unit}
        onClose={() => setHistoryRow(null)}
      />
    </>
  );
}

interface ToolbarProps {
  state: EntryGrid;
  orgUnitId: string;
  period: string;
  unitName: string;
}

/** 保存草稿 · 提交审核 · 撤销修改 | 下载模板 · 导入 Excel, and what each outcome means for the user. */
function EntryToolbar({ state, orgUnitId, period, unitName }: ToolbarProps) {
  const { lang, t } = useI18n();
  const { message, modal } = App.useApp();
  const grid = state.grid;
  const dirty = state.changedCodes.length;
  const locked = grid?.locked ?? false;
  const submittable =
    grid?.rows.filter(
      (r) =>
        r.editable && r.value?.origin === 'reported' && (r.value.status === 'draft' || r.value.status === 'returned'),
    ).length ?? 0;
  const names = new Map((grid?.rows ?? []).map((r) => [r.indicatorCode, r]));

  const save = async () => {
    const outcome = await state.save();
    switch (outcome.kind) {
      case 'nothing':
        void message.info(t('entry.noChanges'));
        return;
      case 'invalid':
        void message.error(t('entry.fixErrors', { count: outcome.count }));
        return;
      case 'saved':
        if (outcome.warnings > 0)
          void message.warning(t('entry.savedWithWarnings', { count: outcome.saved, warnings: outcome.warnings }));
        else void message.success(t('entry.saved', { count: outcome.saved }));
        return;
      case 'conflict': {
        const codes = outcome.rows.map((r) => r.code);
        modal.confirm({
          title: t('wf.conflictTitle'),
          width: 560,
          content: (
            <div data-testid="entry-conflict">
              <p>{t('entry.conflictHint')}</p>
              <ul style={{ paddingInlineStart: 18 }}>
                {outcome.rows.map((r) => {
                  const row = names.get(r.code);
                  return (
                    <li key={r.code}>
                      <strong>{r.code}</strong> {row ? row.name : ''}{' '}
                      <span className="muted">— {localTimes(r.message[lang])}</span>
                    </li>
                  );
                })}
              </ul>
              <Typography.Text type="secondary">{t('entry.conflictReloadHint')}</Typography.Text>
            </div>
          ),
          okText: t('entry.conflictReload'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            state.discard(codes);
            await state.reload();
          },
        });
        return;
      }
      case 'rejected':
        void message.error(`${t('entry.saveFailed')}：${outcome.error.text(lang)}`);
        return;
      case 'failed':
        void message.error(outcome.error.text(lang));
        if (outcome.error.code === 'LOCKED_PERIOD') void state.reload();
        return;
    }
  };

  const submit = () => {
    modal.confirm({
      title: t('entry.submitConfirmTitle'),
      content: t('entry.submitConfirm', { unit: unitName, period: fmtPeriod(period, lang), count: submittable }),
      okText: t('entry.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'entry-submit-confirm' },
      onOk: async () => {
        const outcome = await state.submit();
        if (outcome.kind === 'submitted') void message.success(t('entry.submitted', { count: outcome.count }));
        else {
          void message.error(outcome.error.text(lang));
          if (outcome.error.code === 'LOCKED_PERIOD' || outcome.error.code === 'CONFLICT') void state.reload();
        }
      },
    });
  };

  const submitBlocker = locked
    ? t('entry.locked', { period: fmtPeriod(period, lang) })
    : dirty > 0
      ? t('entry.saveFirst')
      : submittable === 0
        ? t('entry.nothingToSubmit')
        : null;

  return (
    <div className="wf-toolbar">
      <div className="wf-toolbar-left">
        <Button
          type="primary"
          data-testid="entry-save"
          loading={state.busy === 'save'}
          disabled={locked || dirty === 0}
          onClick={() => void save()}
        >
          {t('entry.save')}
        </Button>
        <Tooltip title={submitBlocker}>
          <Button
            data-testid="entry-submit"
            loading={state.busy === 'submit'}
            disabled={submitBlocker !== null}
            onClick={submit}
          >
            {t('entry.submit')}
          </Button>
        </Tooltip>
        {dirty > 0 ? (
          <>
            <Popconfirm
              title={t('entry.discardConfirm')}
              onConfirm={() => state.discard()}
              okText={t('wf.confirm')}
              cancelText={t('common.cancel')}
            >
              <Button data-testid="entry-discard">{t('entry.discard')}</Button>
            </Popconfirm>
            <Typography.Text type="warning" data-testid="entry-unsaved-count">
              {t('entry.unsavedCount', { count: dirty })}
            </Typography.Text>
          </>
        ) : null}
        {grid ? <EntrySummary rows={grid.rows} /> : null}
      </div>
      <Space>
        <TemplateLink orgUnitId={orgUnitId} period={period} />
        <ImportExcelButton blocked={dirty > 0} disabled={locked} onImported={() => void state.reload()} />
      </Space>
    </div>
  );
}

function EntrySummary({ rows }: { rows: GridRow[] }) {
  const t = useT();
  const count = (s: string) => rows.filter((r) => r.value?.status === s).length;
  return (
    <span className="muted" data-testid="entry-summary">
      {/* What the reporting to-do counts: the rows still to enter here (drafts and returned ones included). */}
      <strong data-testid="entry-owed">{t('entry.owed', { count: rows.filter((r) => r.editable).length })}</strong>
      {' · '}
      {t('entry.summary', {
        total: rows.length,
        filled: rows.filter((r) => r.value?.value !== null && r.value?.value !== undefined).length,
        draft: count('draft'),
        submitted: count('submitted'),
        returned: count('returned'),
        approved: count('approved'),
        published: count('published'),
      })}
    </span>
  );
}
