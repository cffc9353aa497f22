import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, call, toApiError } from '../../api.ts';
import { valueRoutes, type SaveGridRequest } from '../../../shared/api/values.ts';
import type { IssueText } from '../../../shared/errors.ts';
import {
  isChanged,
  noteOf,
  originalEdit,
  parseValueText,
  rowProblem,
  type RowEdit,
  type ValueProblem,
} from './rowChecks.ts';
import type { GridResponse, GridRow, PlausibilityWarning } from './types.ts';

export type SaveOutcome =
  | { kind: 'nothing' }
  | { kind: 'invalid'; count: number }
  | { kind: 'saved'; saved: number; warnings: number }
  /** Someone else saved some of these values after the grid was loaded: nothing was saved. */
  | { kind: 'conflict'; rows: { code: string; message: IssueText }[] }
  /** The server refused entries (validation, state): the messages are on their rows. */
  | { kind: 'rejected'; error: ApiError }
  | { kind: 'failed'; error: ApiError };

export interface ServerIssue {
  field: 'value' | 'note';
  message: IssueText;
}

export type SubmitOutcome =
  { kind: 'submitted'; count: number } | { kind: 'rejected'; error: ApiError } | { kind: 'failed'; error: ApiError };

export interface EntryGrid {
  grid: GridResponse | undefined;
  loading: boolean;
  loadError: ApiError | undefined;
  /** The edit of a row as it stands (what was typed, or what is saved). */
  editOf: (row: GridRow) => RowEdit;
  setText: (code: string, text: string) => void;
  setNote: (code: string, note: string) => void;
  changedCodes: string[];
  problems: ReadonlyMap<string, ValueProblem>;
  /** Messages of the server for a row (bilingual "中文 / English" text) and the field they are about. */
  serverErrors: ReadonlyMap<string, ServerIssue>;
  serverWarnings: ReadonlyMap<string, PlausibilityWarning>;
  /** Rows someone else changed, found by the last save. */
  conflicted: ReadonlySet<string>;
  busy: 'save' | 'submit' | null;
  save: () => Promise<SaveOutcome>;
  submit: () => Promise<SubmitOutcome>;
  /** Drops the unsaved edits of these rows (all when omitted). */
  discard: (codes?: readonly string[]) => void;
  /** Loads the grid again; unsaved edits of other rows stay. */
  reload: () => Promise<void>;
}

/** `entries.3.value` → the indicator code of the fourth entry sent. */
function codeOfField(field: string, sent: readonly { indicatorCode: string }[]): string | undefined {
  const m = /entries\.(\d+)/.exec(field);
  return m ? sent[Number(m[1])]?.indicatorCode : undefined;
}

const without = <V>(map: ReadonlyMap<string, V>, codes: readonly string[]): Map<string, V> => {
  const next = new Map(map);
  for (const c of codes) next.delete(c);
  return next;
};

/**
 * The state of the entry grid for one org unit and period: the grid as loaded, the user's unsaved edits on top,
 * the checks of every edited row, and the save / submit round trips with what the server said about each row.
 */
export function useEntryGrid(orgUnitId: string | undefined, period: string | undefined): EntryGrid {
  const [grid, setGrid] = useState<GridResponse | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [edits, setEdits] = useState<ReadonlyMap<string, RowEdit>>(new Map());
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, ServerIssue>>(new Map());
  const [serverWarnings, setServerWarnings] = useState<ReadonlyMap<string, PlausibilityWarning>>(new Map());
  const [conflicted, setConflicted] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const request = useRef(0);

  const load = useCallback(async () => {
    if (!orgUnitId || !period) return;
    const n = ++request.current;
    setLoading(true);
    setLoadError(undefined);
    try {
      const g = await call(valueRoutes.grid, { query: { orgUnitId, period } });
      if (n !== request.current) return;
      setGrid(g);
    } catch (e) {
      if (n !== request.current) return;
      setLoadError(toApiError(e));
    } finally {
      if (n === request.current) setLoading(false);
    }
  }, [orgUnitId, period]);

  useEffect(() => {
    setGrid(undefined);
    setEdits(new Map());
    setServerErrors(new Map());
    setServerWarnings(new Map());
    setConflicted(new Set());
    void load();
  }, [load]);

  const rowsByCode = useMemo(() => new Map((grid?.rows ?? []).map((r) => [r.indicatorCode, r])), [grid]);

  const editOf = useCallback((row: GridRow) => edits.get(row.indicatorCode) ?? originalEdit(row), [edits]);

  const touch = useCallback(
    (code: string, patch: Partial<RowEdit>) => {
      const row = rowsByCode.get(code);
      if (!row) return;
      setEdits((prev) => {
        const next = new Map(prev);
        next.set(code, { ...(prev.get(code) ?? originalEdit(row)), ...patch });
        return next;
      });
      setServerErrors((prev) => (prev.has(code) ? without(prev, [code]) : prev));
      setServerWarnings((prev) => (prev.has(code) ? without(prev, [code]) : prev));
      setConflicted((prev) => (prev.has(code) ? new Set([...prev].filter((c) => c !== code)) : prev));
    },
    [rowsByCode],
  );

  const setText = useCallback((code: string, text: string) => touch(code, { text }), [touch]);
  const setNote = useCallback((code: string, note: string) => touch(code, { note }), [touch]);

  const changedCodes = useMemo(
    () =>
      (grid?.rows ?? [])
        .filter((r) => r.editable && edits.has(r.indicatorCode) && isChanged(r, edits.get(r.indicatorCode) as RowEdit))
        .map((r) => r.indicatorCode),
    [grid, edits],
  );

  const problems = useMemo(() => {
    const out = new Map<string, ValueProblem>();
    for (const code of changedCodes) {
      const row = rowsByCode.get(code) as GridRow;
      const p = rowProblem(row, edits.get(code) as RowEdit);
      if (p) out.set(code, p);
    }
    return out;
  }, [changedCodes, rowsByCode, edits]);

  const discard = useCallback((codes?: readonly string[]) => {
    setEdits((prev) => (codes ? without(prev, codes) : new Map()));
    if (!codes) {
      setServerErrors(new Map());
      setConflicted(new Set());
    }
  }, []);

  const save = useCallback(async (): Promise<SaveOutcome> => {
    if (!grid) return { kind: 'nothing' };
    if (changedCodes.length === 0) return { kind: 'nothing' };
    if (problems.size > 0) return { kind: 'invalid', count: problems.size };
    const entries: SaveGridRequest['entries'] = changedCodes.map((code) => {
      const row = rowsByCode.get(code) as GridRow;
      const edit = edits.get(code) as RowEdit;
      const value = parseValueText(edit.text, row.unit);
      return {
        indicatorCode: code,
        value: typeof value === 'string' ? null : value,
        version: row.value?.version ?? null,
        note: noteOf(edit.note),
      };
    });
    const body: SaveGridRequest = {
      frameworkId: grid.frameworkId,
      orgUnitId: grid.orgUnitId,
      period: grid.period,
      entries,
    };
    setBusy('save');
    try {
      const res = await call(valueRoutes.save, { body });
      const saved = new Map(res.values.map((v) => [v.indicatorCode, v]));
      setGrid((g) =>
        g
          ? {
              ...g,
              rows: g.rows.map((r) =>
                saved.has(r.indicatorCode) ? { ...r, value: saved.get(r.indicatorCode) ?? null } : r,
              ),
            }
          : g,
      );
      setEdits((prev) =>
        without(
          prev,
          entries.map((e) => e.indicatorCode),
        ),
      );
      setServerErrors(new Map());
      setConflicted(new Set());
      setServerWarnings(new Map(res.warnings.map((w) => [w.indicatorCode, w])));
      return { kind: 'saved', saved: res.saved, warnings: res.warnings.length };
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'CONFLICT') {
        const rows = error.details.flatMap((d) => {
          const code = codeOfField(d.field, entries);
          return code ? [{ code, message: d.text }] : [];
        });
        setConflicted(new Set(rows.map((r) => r.code)));
        return { kind: 'conflict', rows };
      }
      const perRow = error.details.flatMap((d) => {
        const code = codeOfField(d.field, entries);
        const field: ServerIssue['field'] = d.field.endsWith('.note') ? 'note' : 'value';
        return code ? [[code, { field, message: d.text }] as const] : [];
      });
      if (perRow.length > 0) {
        setServerErrors(new Map(perRow));
        return { kind: 'rejected', error };
      }
      return { kind: 'failed', error };
    } finally {
      setBusy(null);
    }
  }, [grid, changedCodes, problems, rowsByCode, edits]);

  const submit = useCallback(async (): Promise<SubmitOutcome> => {
    if (!grid) return { kind: 'failed', error: new ApiError(0, 'INTERNAL', '', '') };
    setBusy('submit');
    try {
      const res = await call(valueRoutes.submit, {
        body: { frameworkId: grid.frameworkId, orgUnitId: grid.orgUnitId, period: grid.period },
      });
      await load();
      return { kind: 'submitted', count: res.submitted };
    } catch (e) {
      const error = toApiError(e);
      // A submit refused for missing values names the indicators in `field`.
      const perRow = error.details
        .filter((d) => rowsByCode.has(d.field))
        .map((d) => [d.field, { field: 'value' as const, message: d.text }] as const);
      if (perRow.length > 0) {
        setServerErrors(new Map(perRow));
        return { kind: 'rejected', error };
      }
      return { kind: 'failed', error };
    } finally {
      setBusy(null);
    }
  }, [grid, load, rowsByCode]);

  return {
    grid,
    loading,
    loadError,
    editOf,
    setText,
    setNote,
    changedCodes,
    problems,
    serverErrors,
    serverWarnings,
    conflicted,
    busy,
    save,
    submit,
    discard,
    reload: load,
  };
}
