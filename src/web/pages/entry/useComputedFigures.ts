import { useEffect, useState } from 'react';
import { call } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { GridResponse } from './types.ts';
import { evaluationRoutes } from '../../../shared/api/evaluation.ts';

/** What the grid shows for a computed row: the evaluation's figure for the period, or why there is none yet. */
export type ComputedFigure =
  | { kind: 'value'; value: number; period: string; preview: boolean }
  /** The period's figures are not evaluated yet (not published, or for a reviewer not approved). */
  | { kind: 'notYet' }
  /** Evaluated, but some inputs of the formula are missing: named. */
  | { kind: 'missing'; inputs: { name: string; nameEn: string }[] };

const PREVIEW_ROLES = new Set(['coordinator', 'reviewer']);

/**
 * The computed rows of the grid as the evaluation computes them (GET /evaluation/explain, one per computed row):
 * the coordination centre and reviewers see approved figures too (the preview), everyone else the published ones.
 */
export function useComputedFigures(grid: GridResponse | undefined): ReadonlyMap<string, ComputedFigure> {
  const { user } = useSession();
  const [figures, setFigures] = useState<ReadonlyMap<string, ComputedFigure>>(new Map());
  const preview = user ? PREVIEW_ROLES.has(user.role) : false;
  const codes = (grid?.rows ?? []).filter((r) => r.computed).map((r) => r.indicatorCode);
  const key = grid ? `${grid.frameworkId}|${grid.orgUnitId}|${grid.period}|${codes.join(',')}` : '';

  useEffect(() => {
    setFigures(new Map());
    if (!grid || codes.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      codes.map(async (code): Promise<[string, ComputedFigure]> => {
        try {
          const e = await call(
            evaluationRoutes.explain,
            {
              query: {
                frameworkId: grid.frameworkId,
                indicatorCode: code,
                orgUnitId: grid.orgUnitId,
                asOf: grid.period,
                ...(preview ? { preview: 'true' as const } : {}),
              },
            },
            controller.signal,
          );
          if (e.actual !== null && e.period !== null)
            return [code, { kind: 'value', value: e.actual, period: e.period, preview: e.unpublished }];
          const missing = e.formulaInputs.filter((i) => i.value === null);
          return [code, missing.length > 0 ? { kind: 'missing', inputs: missing } : { kind: 'notYet' }];
        } catch {
          // No evaluation as of this period (422), or not visible: the figure is not computed yet.
          return [code, { kind: 'notYet' }];
        }
      }),
    ).then((pairs) => {
      if (!controller.signal.aborted) setFigures(new Map(pairs));
    });
    return () => controller.abort();
    // `key` stands for grid and codes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, preview]);
  return figures;
}
