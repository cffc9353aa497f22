import { fmtNum, fmtPoints } from '../../format.ts';
import { useT } from '../../i18n.ts';
import { COLOURS, STATUS_LABELS } from '../../status.ts';
import type { MatrixCell } from '../../types.ts';

/** One result of the matrix: the actual and the score on the status colour; click for the explanation. */
export function MatrixCellView({ cell, onOpen }: { cell: MatrixCell; onOpen: (cell: MatrixCell) => void }) {
  const t = useT();
  const c = COLOURS[cell.colour];
  const status = t(STATUS_LABELS[cell.status]);
  const title = [
    status,
    ...(cell.deviationPoints === null ? [] : [t('common.deviationPoints', { value: fmtPoints(cell.deviationPoints) })]),
    ...(cell.unpublished ? [t('preview.unpublishedHint')] : []),
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
        {fmtNum(cell.actual)}
        {cell.unpublished ? (
          <span className="matrix-cell-unpublished" data-testid="unpublished-mark">
            {t('preview.unpublished')}
          </span>
        ) : null}
      </div>
      <div className="matrix-cell-score">
        {cell.score !== null ? `${t('common.score')} ${fmtNum(cell.score, 1)}` : status}
      </div>
    </div>
  );
}
