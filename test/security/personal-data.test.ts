/**
 * The personal-data policy (src/server/security/personal-data.ts) on its first user, the persons in charge of the
 * list items (issue 13 item 3), on both databases: sealed at rest (existing rows migrated at start), masked in
 * every list, page and export, in clear only for the roles that need them and only on asking, each such view audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonalData } from '../../src/server/security/personal-data.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince } from './helpers.ts';

interface Detail {
  item: { personInCharge: string; contact: string; personalData: { unmasked: boolean; mayUnmask: boolean } };
}

describe.each(testDialects())('personal data of the list items on %s', (dialect) => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const gfb = await t.as('gfb');
    const created = await gfb.post('/api/v1/lists/items', {
      kind: 'reform',
      year: 2024,
      title: '个人信息测试事项',
      leaderName: '副区长',
      leadUnitId: 'xiqu',
      personInCharge: '王小明',
      contact: '13812345678',
      districtId: 'xiqu',
      startDate: '2024-10-01',
      deadline: '2024-12-31',
    });
    expect(created.statusCode, created.body).toBe(200);
    id = created.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  const stored = async () =>
    (await t.ctx.db.kysely
      .selectFrom('list_items' as never)
      .select(['id', 'person_in_charge', 'contact'] as never[])
      .execute()) as unknown as { id: string; person_in_charge: string; contact: string }[];

  it('stores every person in charge and contact encrypted, the default data migrated at start', async () => {
    const rows = await stored();
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) {
      expect(PersonalData.isSealed(r.person_in_charge), r.person_in_charge).toBe(true);
      if (r.contact !== '') expect(PersonalData.isSealed(r.contact), r.contact).toBe(true);
    }
    const text = JSON.stringify(rows);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('13812345678');
    // Sealing again changes nothing.
    expect(await t.ctx.lists.sealPersonalData()).toBe(0);
  });

  it('masks the persons in charge in the list, the page and the export for everyone by default', async () => {
    const gfb = await t.as('gfb');
    const list = (await gfb.get('/api/v1/lists/items')).json<{ rows: { id: string; personInCharge: string }[] }>();
    expect(list.rows.find((r) => r.id === id)?.personInCharge).toBe('王*明');
    const page = (await gfb.get(`/api/v1/lists/items/${id}`)).json<Detail>();
    expect(page.item).toMatchObject({
      personInCharge: '王*明',
      contact: '138****5678',
      personalData: { unmasked: false, mayUnmask: true },
    });
    const exported = await gfb.get('/api/v1/lists/items/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.text))));
    expect(cells).not.toContain('王小明');
    expect(cells.join('|')).not.toContain('13812345678');
  });

  it('shows them in clear only to the roles that need them, on asking, and records each such view', async () => {
    const gfb = await t.as('gfb');
    const before = await auditHead(t);
    const clear = (await gfb.get(`/api/v1/lists/items/${id}?unmask=1`)).json<Detail>();
    expect(clear.item).toMatchObject({
      personInCharge: '王小明',
      contact: '13812345678',
      personalData: { unmasked: true },
    });
    const views = await auditSince(t, before, { action: 'listItem.view' });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ objectId: id, username: 'gfb' });
    expect(JSON.stringify(views[0])).not.toContain('13812345678');

    // The district's reporter sees the item but not the persons in clear, even asking; nothing is recorded as shown.
    const xiqu = await t.as('xiqu');
    const mark = await auditHead(t);
    const asked = (await xiqu.get(`/api/v1/lists/items/${id}?unmask=1`)).json<Detail>();
    expect(asked.item).toMatchObject({
      personInCharge: '王*明',
      contact: '138****5678',
      personalData: { unmasked: false, mayUnmask: false },
    });
    expect(await auditSince(t, mark, { action: 'listItem.view' })).toEqual([]);
  });
});
