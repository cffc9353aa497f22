import type { Queryable } from '../db/transaction.ts';
import type { HistoryInput, HistorySummary, ValueHistoryHook, ValueKeys } from '../modules/values/value.repository.ts';
import type { Auditor } from './auditor.ts';

/**
 * The audit records of indicator value changes, one per value, written by the value repository's history hook in
 * the transaction of the change: `value.<action>` (enter, update, submit, approve, return, publish, reopen) with the
 * old and new value and status and the reason. The value's own history (value_history) holds the same facts for the
 * people who report and review; the audit trail holds them where nobody can edit them. An import from another system
 * (the exchange formats) writes one `value.import` record instead, with its source and the count of each action:
 * its values' history rows stay one per value.
 */
export function valueHistoryAudit(auditor: Auditor): ValueHistoryHook {
  return async (q: Queryable, rows: readonly HistoryInput[], keys: ValueKeys, summary?: HistorySummary) => {
    if (summary) {
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.action] = (counts[r.action] ?? 0) + 1;
      await auditor.record(
        {
          action: summary.action,
          objectType: 'indicator_value',
          ...(rows[0]?.user_id ? { userId: rows[0].user_id } : {}),
          detail: { ...summary.detail, counts },
        },
        q,
      );
      return;
    }
    await auditor.recordMany(
      rows.map((r) => {
        const key = keys.get(r.value_id);
        return {
          action: `value.${r.action}`,
          objectType: 'indicator_value',
          objectId: r.value_id,
          ...(r.user_id !== null && r.user_id !== undefined ? { userId: r.user_id } : {}),
          detail: {
            indicatorCode: key?.indicator_code ?? null,
            orgUnitId: key?.org_unit_id ?? null,
            period: key?.period ?? null,
            value: { old: r.old_value, new: r.new_value },
            status: { old: r.old_status, new: r.new_status },
            reason: r.reason,
          },
        };
      }),
      q,
    );
  };
}
