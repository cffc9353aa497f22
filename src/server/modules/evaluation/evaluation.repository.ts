import type { Db } from '../../db/database.ts';
import type { EngineOutput } from '../../../domain/framework-evaluation.ts';
import { insertChunked } from '../frameworks/framework.repository.ts';

export class EvaluationRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Replaces the stored results of a framework with its latest run, in one transaction. */
  /** The red cells (indicator|unit) of the stored results of a framework, and whether any results are stored. */
  async redCells(frameworkId: string): Promise<{ stored: boolean; red: Set<string> }> {
    const rows = await this.db.kysely
      .selectFrom('evaluation_results')
      .select(['indicator_code', 'org_unit_id', 'colour'])
      .where('framework_id', '=', frameworkId)
      .execute();
    return {
      stored: rows.length > 0,
      red: new Set(rows.filter((r) => r.colour === 'red').map((r) => `${r.indicator_code}|${r.org_unit_id}`)),
    };
  }

  async replace(frameworkId: string, latest: EngineOutput | null, at: string): Promise<void> {
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('evaluation_results').where('framework_id', '=', frameworkId).execute();
      await trx.deleteFrom('composite_scores').where('framework_id', '=', frameworkId).execute();
      for (const run of latest ? [latest] : []) {
        await insertChunked(
          trx,
          'evaluation_results',
          run.cells.map((c) => ({
            framework_id: frameworkId,
            indicator_code: c.indicatorCode,
            org_unit_id: c.orgUnitId,
            period: run.asOf,
            actual: c.actual,
            status: c.status,
            colour: c.colour,
            score: c.score,
            deviation: c.deviationPoints,
            elapsed_share: c.elapsedShare,
            explanation: c.rule,
            computed_at: at,
          })),
        );
        await insertChunked(
          trx,
          'composite_scores',
          run.composites.flatMap((c) => [
            {
              framework_id: frameworkId,
              org_unit_id: c.orgUnitId,
              period: run.asOf,
              dimension_code: '*',
              score: c.overall,
              rank: c.rank,
              coverage: c.coverage,
            },
            ...Object.entries(c.byDimension).map(([d, score]) => ({
              framework_id: frameworkId,
              org_unit_id: c.orgUnitId,
              period: run.asOf,
              dimension_code: d,
              score,
              rank: null,
              coverage: c.coverage,
            })),
          ]),
        );
      }
    });
  }
}
