import { fmtFigure, fmtNum, fmtPeriod, fmtPoints } from '../../format.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS, STATUS_LABELS } from '../../status.ts';
import type { MatrixCell } from '../../types.ts';

/** One result of the matrix: the actual and the score on the status colour; click for the explanation. */
export function MatrixCellView({
  cell,
  unit,
  onOpen,
}: {
  cell: MatrixCell;
  /** The indicator's unit: a ratio keeps its two decimals (2.05, never 2), a percentage one. */
  unit: string;
  onOpen: (cell: MatrixCell) => void;
}) {
  const { t, lang, pick } = useI18n();
  const org = useOrgUnits();
  const names = (ids: readonly string[]) =>
    ids
      .map((id) => {
        const u = org.byId.get(id);
        return u ? pick(u.name, u.nameEn) : id;
      })
      .join(lang === 'zh' ? '、' : ', ');
  const c = COLOURS[cell.colour];
  const status = cell.label ? pick(cell.label.zh, cell.label.en) : t(STATUS_LABELS[cell.status]);
  const title = [
    status,
    ...(cell.deviationPoints === null ? [] : [t('common.deviationPoints', { value: fmtPoints(cell.deviationPoints) })]),
    fmtPeriod(cell.period, lang),
    ...(cell.unpublished ? [t('preview.unpublishedHint')] : []),
    ...(cell.missingMembers.length > 0
      ? [t('evaluation.missingMembersHint', { units: names(cell.missingMembers) })]
      : []),
    ...(cell.rollup?.matches === false
      ? [
          t('evaluation.rollupMismatchHint', {
            reported: fmtNum(cell.rollup.reported),
            computed: fmtNum(cell.rollup.computed),
          }),
        ]
      : []),
  ].join(' · ');
  return (
    <div
      className="matrix-cell"
      role="button"
      tabIndex={0}
      title={title}
      style={{ background: c.background, borderInlineStartColor: c.solid, color: c.text }}
      onClick={() => onOpen(cell)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onOpen(cell);
      }}
    >
      <div className="matrix-cell-value">
        {fmtFigure(cell.actual, unit)}
        {cell.unpublished ? (
          <span className="matrix-cell-unpublished" data-testid="unpublished-mark">
            {t('preview.unpublished')}
          </span>
        ) : null}
      </div>
      <div className="matrix-cell-score">
        {cell.score !== null ? `${t('common.score')} ${fmtNum(cell.score, 1)}` : status}
      </div>
      {cell.missingMembers.length > 0 ? (
        <div className="matrix-cell-flag">{t('evaluation.missingMembers', { count: cell.missingMembers.length })}</div>
      ) : null}
      {cell.rollup?.matches === false ? (
        <div className="matrix-cell-flag" data-testid="rollup-mismatch">
          ⚠ {t('evaluation.rollupMismatch')}
        </div>
      ) : null}
    </div>
  );
}
