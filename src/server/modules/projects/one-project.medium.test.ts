/**
 * "One project, not two" on each dialect: every major-project item of the four lists is exactly one ledger project
 * — after the default data (the seed links them) and after migration 0007 on a database that held the items before
 * the ledger existed (none lost, none doubled, run twice). The umbrella items that state the ledger's targets are
 * not projects.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import { migrateListItems } from '../../db/migrations/0007-projects.ts';
import { UMBRELLA_ITEMS } from '../../seed/panzhihua/projects.ts';

describe.each(testDialects())('one project, not two, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
  });
  afterAll(async () => t.close());

  async function linkCounts() {
    const lists = t.ctx.lists.repo;
    const items = (await lists.items(lists.k, {})).filter((i) => i.kind === 'project');
    const projects = await t.ctx.projects.repo.projects(t.ctx.projects.repo.k, {});
    const count = new Map<string, number>();
    for (const p of projects) if (p.list_item_id) count.set(p.list_item_id, (count.get(p.list_item_id) ?? 0) + 1);
    return { items, count, projects };
  }

  it('links every major-project item of the default data to one ledger project', async () => {
    const { items, count } = await linkCounts();
    const real = items.filter((i) => !(UMBRELLA_ITEMS as readonly string[]).includes(i.code));
    expect(real.length).toBeGreaterThan(20);
    for (const i of real) expect(count.get(i.id), i.code).toBe(1);
    for (const i of items.filter((x) => (UMBRELLA_ITEMS as readonly string[]).includes(x.code))) {
      expect(count.get(i.id), i.code).toBeUndefined();
    }
  });

  it('migrates the items of a database from before the ledger: none lost, none doubled', async () => {
    const { projects } = await linkCounts();
    const linked = projects.filter((p) => p.list_item_id !== null);
    // As before the ledger: the items' projects do not exist.
    await t.ctx.db.kysely
      .withTables<{ projects: { id: string } }>()
      .deleteFrom('projects')
      .where(
        'id',
        'in',
        linked.map((p) => p.id),
      )
      .execute();
    await migrateListItems(t.ctx.db.kysely as unknown as Kysely<unknown>);
    await migrateListItems(t.ctx.db.kysely as unknown as Kysely<unknown>);
    const after = await linkCounts();
    const real = after.items.filter((i) => !(UMBRELLA_ITEMS as readonly string[]).includes(i.code));
    for (const i of real) expect(after.count.get(i.id), i.code).toBe(1);
    expect(after.projects.length).toBe(projects.length);
    const migrated = after.projects.filter((p) => p.list_item_id !== null);
    for (const p of migrated) {
      const item = real.find((i) => i.id === p.list_item_id)!;
      expect(p.name).toBe(item.title);
      expect(JSON.parse(p.generated_fields)).toContain('totalInvestment');
    }
  });
});
