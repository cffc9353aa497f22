import { HistoryOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { TargetText } from '../../components/TargetText.tsx';
import { ValueStatusTag } from '../../components/ValueStatusTag.tsx';
import { fmtPeriod, fmtValue } from '../../format.ts';
import { type Lang, type Translate, useI18n } from '../../i18n.ts';
import { NoteCell } from './NoteCell.tsx';
import { readOnlyText } from './readOnly.ts';
import type { EntryGrid } from './useEntryGrid.ts';
import type { ComputedFigure } from './useComputedFigures.ts';
import { ValueCell } from './ValueCell.tsx';
import type { GridRow } from './types.ts';
import { unitName } from '../../units.ts';

interface Props {
  state: EntryGrid;
  /** The rows shown (all of the grid's, or only those the user may enter). */
  rows: GridRow[];
  onHistory: (row: GridRow) => void;
  /** The computed rows' figures as the evaluation has them. */
  computed?: ReadonlyMap<string, ComputedFigure>;
}

/** The entry grid: one row per indicator the unit reports in the period. */
export function EntryTable({ state, rows, onHistory, computed = new Map() }: Props) {
  const { lang, pick, t } = useI18n();
  const grid = state.grid;
  const locked = grid?.locked ?? false;
  const changed = new Set(state.changedCodes);
  const previousPeriod = grid?.previousPeriod ?? null;

  const columns: TableColumnsType<GridRow> = [
    { title: t('entry.code'), dataIndex: 'indicatorCode', width: 76 },
    {
      title: t('entry.name'),
      key: 'name',
      width: 250,
      render: (_: unknown, row) => (
        <div>
          <Space size={4} wrap>
            <span>{pick(row.name, row.nameEn)}</span>
            {row.computed ? <Tag color="geekblue">{t('entry.computed')}</Tag> : null}
          </Space>
          {row.value?.status === 'returned' && row.value.returnReason ? (
            <div className="wf-return-reason" data-testid={`return-reason-${row.indicatorCode}`}>
              <strong>{t('entry.returnReason')}：</strong>
              {row.value.returnReason}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('common.unit'), dataIndex: 'unit', width: 64, render: (u: string) => unitName(u) },
    {
      title: (
        <div>
          {t('wf.previous')}
          {previousPeriod ? (
            <div className="muted" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {fmtPeriod(previousPeriod, lang)}
            </div>
          ) : null}
        </div>
      ),
      key: 'previous',
      width: 100,
      align: 'right',
      render: (_: unknown, row) => fmtValue(row.previousValue, ''),
    },
    {
      title: t('entry.target'),
      key: 'target',
      width: 180,
      render: (_: unknown, row) => <TargetText target={row.target} unit={row.unit} />,
    },
    {
      title: t('wf.current'),
      key: 'value',
      width: 200,
      render: (_: unknown, row) => {
        const edit = state.editOf(row);
        const issue = state.serverErrors.get(row.indicatorCode);
        const figure = row.computed ? computed.get(row.indicatorCode) : undefined;
        const reason = figure ? computedText(figure, grid?.period ?? '', lang, t, pick) : readOnlyText(row, locked, t);
        return (
          <div>
            <ValueCell
              row={row}
              text={edit.text}
              editable={row.editable}
              problem={state.problems.get(row.indicatorCode)}
              serverError={issue?.field === 'value' ? issue.message : undefined}
              serverWarning={state.serverWarnings.get(row.indicatorCode)}
              onText={(text) => state.setText(row.indicatorCode, text)}
              {...(figure?.kind === 'value' ? { readOnlyValue: fmtValue(figure.value, row.unit) } : {})}
            />
            {reason ? <div className="wf-readonly-reason">{reason}</div> : null}
          </div>
        );
      },
    },
    {
      title: t('entry.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={2}>
          {row.value ? (
            <ValueStatusTag status={row.value.status} origin={row.value.origin} />
          ) : row.computed ? (
            <Tag color="geekblue">{t('entry.autoComputed')}</Tag>
          ) : (
            <Tag>{t('entry.notEntered')}</Tag>
          )}
          {changed.has(row.indicatorCode) ? <Tag color="gold">{t('entry.unsavedTag')}</Tag> : null}
          {state.conflicted.has(row.indicatorCode) ? <Tag color="red">{t('entry.changedByOthers')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('wf.note'),
      key: 'note',
      width: 200,
      render: (_: unknown, row) => {
        const issue = state.serverErrors.get(row.indicatorCode);
        return (
          <NoteCell
            row={row}
            note={state.editOf(row).note}
            editable={row.editable}
            required={state.problems.get(row.indicatorCode)?.kind === 'noteRequired'}
            serverError={issue?.field === 'note' ? issue.message : undefined}
            onNote={(note) => state.setNote(row.indicatorCode, note)}
          />
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, row) =>
        row.value ? (
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            data-testid={`history-link-${row.indicatorCode}`}
            onClick={() => onHistory(row)}
          >
            {t('common.history')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Table<GridRow>
      data-testid="entry-grid"
      rowKey="indicatorCode"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={state.loading}
      pagination={false}
      sticky
      scroll={{ x: 1270 }}
      rowClassName={(row) =>
        [
          state.conflicted.has(row.indicatorCode)
            ? 'wf-row-conflict'
            : changed.has(row.indicatorCode)
              ? 'wf-row-changed'
              : '',
          row.value?.status === 'returned' ? 'wf-row-returned' : '',
          row.editable ? '' : 'wf-row-readonly',
        ].join(' ')
      }
      onRow={(row) => ({ 'data-testid': `entry-row-${row.indicatorCode}` }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('entry.noRows') }}
    />
  );
}

/** Under a computed row's figure: where it comes from, or why there is none yet. */
function computedText(
  f: ComputedFigure,
  period: string,
  lang: Lang,
  t: Translate,
  pick: (zh: string, en: string | null | undefined) => string,
): string {
  switch (f.kind) {
    case 'value':
      return f.period === period
        ? t(f.preview ? 'entry.computed.preview' : 'entry.computed.value')
        : t('entry.computed.older', { period: fmtPeriod(f.period, lang) });
    case 'missing':
      return t('entry.computed.missing', { names: f.inputs.map((i) => pick(i.name, i.nameEn)).join('、') });
    case 'notYet':
      return t('entry.computed.notYet');
  }
}
