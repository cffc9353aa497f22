/**
 * The loader of the four lists' default items (list-items.ts: the data and the generated workflow state), a seed
 * step of the default-data loader: it writes through the lists' repository, in the loader's transaction. Warnings
 * are not inserted: the first daily run raises them (the server runs it when it starts listening).
 */
import crypto from 'node:crypto';
import { addDays, chinaDate, reportDueDate } from '../../../domain/lists/dates.ts';
import { DEFAULT_LIST_RULES } from '../../../domain/lists/rules.ts';
import type { ItemStatus } from '../../../domain/lists/types.ts';
import type { SeedStep } from '../seed-step.ts';
import { DIMENSION_TEAM, demoState, listItems } from './list-items.ts';

/** 10:00 Beijing on a day, as the instant stored. */
const at10 = (day: string) => `${day}T02:00:00.000Z`;

/** Inserts the default items, their milestones, the generated monthly reports and each item's history. */
export const loadListItems: SeedStep = async (tx, { repos, now }) => {
  const q = repos.listTx(tx);
  const lists = repos.lists;
  const today = chinaDate(now);
  const stamp = now.toISOString();
  for (const item of listItems) {
    const id = crypto.randomUUID();
    const s = demoState(item, today);
    const latest = s.reports.at(-1)?.percent ?? null;
    await lists.insertItems(q, [
      {
        id,
        code: item.code,
        kind: item.kind,
        year: item.year,
        title: item.title,
        content: item.content,
        dimension_code: item.dimensionCode,
        work_team_id: DIMENSION_TEAM(item.dimensionCode),
        leader_name: item.leaderName,
        lead_unit_id: item.leadUnitId,
        co_unit_ids: JSON.stringify(item.coUnitIds),
        person_in_charge: item.personInCharge,
        contact: item.contact,
        district_id: item.districtId,
        start_date: item.startDate,
        deadline: item.deadline,
        original_deadline: null,
        target_unit: item.target?.unit ?? null,
        target_floor: item.target?.floor ?? null,
        target_stretch: item.target?.stretch ?? null,
        original_floor: null,
        original_stretch: null,
        target_indicator_code: item.target?.indicatorCode ?? null,
        status: s.status,
        colour: 'none',
        progress_pct: latest,
        issued_at: s.issuedOn ? at10(s.issuedOn) : null,
        issued_by: null,
        acknowledged_at: s.acknowledgedOn && s.status !== 'issued' ? at10(s.acknowledgedOn) : null,
        acknowledged_by: null,
        completion_requested_at: s.completionRequestedOn ? at10(s.completionRequestedOn) : null,
        closed_at: s.closedOn ? at10(s.closedOn) : null,
        closed_by: null,
        cancelled_at: null,
        source_doc: item.source.doc,
        source_quote: item.source.quote ?? null,
        generated_fields: JSON.stringify([
          ...item.generated.fields,
          ...(s.status === 'drafted' ? [] : ['workflowState', 'reports']),
        ]),
        created_at: stamp,
        created_by: null,
        updated_at: stamp,
        updated_by: null,
        version: 1,
      },
    ]);
    await lists.insertMilestones(
      q,
      item.milestones.map((m, i) => ({
        id: crypto.randomUUID(),
        item_id: id,
        seq: i + 1,
        title: m.title,
        planned_date: m.plannedDate,
        completed_date: s.milestonesDone[i] ?? null,
        evidence: s.milestonesDone[i] ? '（生成的演示数据）' : null,
        generated: 1,
        updated_at: stamp,
        updated_by: null,
      })),
    );
    if (s.reports.length > 0) {
      await lists.insertReports(
        q,
        s.reports.map((r) => ({
          id: crypto.randomUUID(),
          item_id: id,
          period: r.period,
          percent: r.percent,
          value: null,
          narrative: `（生成的演示数据）${r.period} 按计划推进，累计完成 ${r.percent}%。`,
          evidence: null,
          late: r.late ? 1 : 0,
          generated: 1,
          reported_at: at10(
            r.late
              ? addDays(reportDueDate(r.period, DEFAULT_LIST_RULES.reportDay), 2)
              : reportDueDate(r.period, DEFAULT_LIST_RULES.reportDay),
          ),
          reported_by: null,
        })),
      );
    }
    const step = (action: string, from: ItemStatus | null, to: ItemStatus, on: string | null) => ({
      action,
      from,
      to,
      on,
    });
    const history = [
      step('create', null, 'drafted', s.issuedOn ? addDays(s.issuedOn, -1) : null),
      ...(s.issuedOn ? [step('issue', 'drafted', 'issued', s.issuedOn)] : []),
      ...(s.acknowledgedOn && s.status !== 'issued'
        ? [step('acknowledge', 'issued', 'acknowledged', s.acknowledgedOn)]
        : []),
      ...(s.completionRequestedOn
        ? [step('requestCompletion', 'inProgress', 'completionRequested', s.completionRequestedOn)]
        : []),
      ...(s.closedOn ? [step('close', 'completionRequested', 'closed', s.closedOn)] : []),
    ];
    await lists.addHistory(
      q,
      history.map((h) => ({
        item_id: id,
        action: h.action,
        from_status: h.from,
        to_status: h.to,
        note: h.on ? '（生成的演示数据）' : '默认数据导入',
        user_id: null,
        at: h.on ? at10(h.on) : stamp,
      })),
    );
  }
};
