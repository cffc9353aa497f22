/**
 * API and authorisation tests of the four lists: HTTP in-process on each database, signed in as the demo accounts.
 * A unit sees and reports only its items; only reviewers and the coordination centre close; only the coordination
 * centre and leaders issue notices; files are checked and never served inline; Excel in and out; counts match lists.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Row {
  id: string;
  code: string;
  kind: string;
  colour: string;
  status: string;
  leadUnitId: string;
  coUnitIds: string[];
  version: number;
}

const draft = (overrides: Record<string, unknown> = {}) => ({
  kind: 'reform',
  year: 2024,
  title: '共富超市进社区（接口测试）',
  leaderName: '西区副区长（社会事业）',
  leadUnitId: 'xiqu',
  coUnitIds: ['dept-tjj'],
  personInCharge: '李四',
  districtId: 'xiqu',
  startDate: '2024-10-01',
  deadline: '2024-12-31',
  milestones: [{ title: '制定方案', plannedDate: '2024-10-31' }],
  ...overrides,
});

/** A multipart/form-data body with one file field. */
function multipart(fileName: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----gongfu-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(testDialects())('the four lists over HTTP on %s', (dialect) => {
  let t: TestApp;
  let gfb: Client, leader: Client, xiqu: Client, tjj: Client, shenhe: Client, team: Client;
  let itemId: string;

  const upload = (c: Client, url: string, fileName: string, data: Buffer, contentType?: string) => {
    const m = multipart(fileName, data, contentType);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
      payload: m.payload,
    });
  };
  const version = async (id: string) =>
    (await gfb.get(`/api/v1/lists/items/${id}`)).json<{ item: { version: number } }>().item.version;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    gfb = await t.as('gfb');
    leader = await t.as('leader');
    xiqu = await t.as('xiqu');
    tjj = await t.as('tjj');
    shenhe = await t.as('shenhe');
    team = await t.as('team');
    const created = await gfb.post('/api/v1/lists/items', draft());
    expect(created.statusCode).toBe(200);
    itemId = created.json().id;
    expect((await gfb.post(`/api/v1/lists/items/${itemId}/issue`, { version: 1 })).statusCode).toBe(200);
    expect((await gfb.post('/api/v1/lists/warnings/run')).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('shows a unit only the items it leads or co-operates on', async () => {
    const all = (await gfb.get('/api/v1/lists/items')).json().rows as Row[];
    expect(all.length).toBeGreaterThan(90);
    const mine = (await xiqu.get('/api/v1/lists/items')).json().rows as Row[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    // 西区 leads its 2025 items and co-operates on the city's "支持西区振兴发展" and "采煤沉陷区" items.
    for (const r of mine)
      expect(r.leadUnitId === 'xiqu' || r.leadUnitId.startsWith('xiqu-') || r.coUnitIds.includes('xiqu')).toBe(true);
    expect(mine.some((r) => r.leadUnitId !== 'xiqu' && r.coUnitIds.includes('xiqu'))).toBe(true);
    // The statistics bureau may read the whole city's figures, but sees only its own items (here: as a co-operating unit).
    const tjjRows = (await tjj.get('/api/v1/lists/items')).json().rows as Row[];
    expect(tjjRows.every((r) => r.leadUnitId === 'dept-tjj' || r.coUnitIds.includes('dept-tjj'))).toBe(true);
    expect(tjjRows.map((r) => r.id)).toContain(itemId);
    // A work-team member sees the items of the team only.
    const teamRows = (await team.get('/api/v1/lists/items')).json().rows as (Row & { workTeamId: string })[];
    expect(teamRows.length).toBeGreaterThan(0);
    expect(new Set(teamRows.map((r) => r.workTeamId)).size).toBe(1);
    // Another unit's item is out of scope, by id too.
    const hitech = all.find((r) => r.leadUnitId === 'hitech') as Row;
    expect((await xiqu.get(`/api/v1/lists/items/${hitech.id}`)).statusCode).toBe(403);
    expect((await xiqu.get(`/api/v1/lists/items/${hitech.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await xiqu.get('/api/v1/lists/units/hitech')).statusCode).toBe(403);
    expect((await xiqu.get('/api/v1/lists/units/xiqu?year=2024')).statusCode).toBe(200);
  });

  it('lets only the lead unit acknowledge and report; a co-operating unit reads but does not report', async () => {
    const v = await version(itemId);
    expect((await tjj.post(`/api/v1/lists/items/${itemId}/acknowledge`, { version: v })).json().error.code).toBe(
      'FORBIDDEN',
    );
    expect((await gfb.post(`/api/v1/lists/items/${itemId}/acknowledge`, { version: v })).statusCode).toBe(403);
    expect((await xiqu.post(`/api/v1/lists/items/${itemId}/acknowledge`, { version: v })).statusCode).toBe(200);
    const report = {
      version: v + 1,
      period: '2024-11',
      percent: 50,
      narrative: '已在 3 个社区开设共富超市',
      problems: [],
    };
    expect((await tjj.post(`/api/v1/lists/items/${itemId}/reports`, report)).statusCode).toBe(403);
    const hitech = (
      (await gfb.get('/api/v1/lists/items?district=hitech&status=inProgress')).json().rows as Row[]
    )[0] as Row;
    const foreign = await xiqu.post(`/api/v1/lists/items/${hitech.id}/reports`, { ...report, version: hitech.version });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await xiqu.post(`/api/v1/lists/items/${itemId}/reports`, report)).statusCode).toBe(200);
    // Validation names the field.
    const bad = await xiqu.post(`/api/v1/lists/items/${itemId}/reports`, { ...report, version: v + 2, percent: 120 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toContain('percent');
    // A stale version is a conflict.
    expect((await xiqu.post(`/api/v1/lists/items/${itemId}/reports`, report)).statusCode).toBe(409);
  });

  it('lets only the coordination centre and leaders issue notices; the lead unit answers', async () => {
    for (const c of [xiqu, tjj, shenhe, team]) {
      expect((await c.post(`/api/v1/lists/items/${itemId}/notices`, { problem: '进度滞后' })).statusCode).toBe(403);
    }
    const byLeader = await leader.post(`/api/v1/lists/items/${itemId}/notices`, { problem: '请说明进度滞后原因' });
    expect(byLeader.statusCode).toBe(200);
    expect(
      (await gfb.post(`/api/v1/lists/items/${itemId}/notices`, { problem: '请加快推进', dueDate: '2024-12-15' }))
        .statusCode,
    ).toBe(200);
    const todos = (await xiqu.get('/api/v1/lists/todos')).json();
    const toAnswer = todos.items.filter((x: { kind: string }) => x.kind === 'answerNotice');
    expect(toAnswer).toHaveLength(2);
    expect(toAnswer[0].dueDate <= toAnswer[1].dueDate).toBe(true);
    expect(
      (await tjj.post(`/api/v1/lists/notices/${byLeader.json().noticeId}/answer`, { version: 1, answer: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await xiqu.post(`/api/v1/lists/notices/${byLeader.json().noticeId}/answer`, {
          version: 1,
          answer: '已增设两个网点',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await xiqu.post(`/api/v1/lists/notices/${byLeader.json().noticeId}/review`, { version: 2, accept: true }))
        .statusCode,
    ).toBe(403);
    const leaderTodos = (await leader.get('/api/v1/lists/todos')).json();
    expect(leaderTodos.items.map((x: { kind: string }) => x.kind)).toContain('reviewAnswer');
    expect(
      (await leader.post(`/api/v1/lists/notices/${byLeader.json().noticeId}/review`, { version: 2, accept: true }))
        .statusCode,
    ).toBe(200);
  });

  it('lets only reviewers and the coordination centre close an item', async () => {
    const v = await version(itemId);
    expect(
      (await xiqu.post(`/api/v1/lists/items/${itemId}/request-completion`, { version: v, note: '已完成' })).statusCode,
    ).toBe(200);
    const reviewerTodos = (await shenhe.get('/api/v1/lists/todos')).json();
    expect(
      reviewerTodos.items.some(
        (x: { kind: string; itemId: string }) => x.kind === 'reviewCompletion' && x.itemId === itemId,
      ),
    ).toBe(true);
    for (const c of [xiqu, tjj, leader, team]) {
      expect((await c.post(`/api/v1/lists/items/${itemId}/close`, { version: v + 1 })).statusCode).toBe(403);
    }
    expect(
      (await shenhe.post(`/api/v1/lists/items/${itemId}/return-completion`, { version: v + 1, reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (await shenhe.post(`/api/v1/lists/items/${itemId}/close`, { version: v + 1, note: '同意销号' })).statusCode,
    ).toBe(200);
    expect((await gfb.get(`/api/v1/lists/items/${itemId}`)).json().item.status).toBe('closed');
  });

  it('counts on the cockpit match exactly the lists they open', async () => {
    const counts = (await gfb.get('/api/v1/lists/counts')).json();
    for (const k of counts.byKind as {
      kind: string;
      total: number;
      red: number;
      yellow: number;
      blue: number;
      green: number;
      none: number;
    }[]) {
      expect((await gfb.get(`/api/v1/lists/items?kind=${k.kind}`)).json().total).toBe(k.total);
      for (const colour of ['red', 'yellow', 'blue', 'green', 'none'] as const) {
        expect((await gfb.get(`/api/v1/lists/items?kind=${k.kind}&colour=${colour}`)).json().total).toBe(k[colour]);
      }
    }
    expect(counts.all.yellow).toBeGreaterThan(0);
    // And for a unit, its own.
    const xc = (await xiqu.get('/api/v1/lists/counts')).json();
    expect(xc.all.total).toBe((await xiqu.get('/api/v1/lists/items')).json().total);
  });

  it('stores evidence with type and size limits and never serves it inline', async () => {
    const { id } = (await gfb.post('/api/v1/lists/items', draft({ title: '附件（接口测试）' }))).json<{ id: string }>();
    const url = `/api/v1/lists/items/${id}/attachments`;
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF');
    const ok = await upload(gfb, url, '验收报告.pdf', pdf, 'application/pdf');
    expect(ok.statusCode).toBe(200);
    for (const [name, data] of [
      ['page.html', Buffer.from('<html><script>alert(1)</script></html>')],
      ['report.pdf', Buffer.from('<!DOCTYPE html><html></html>')],
      ['setup.exe', Buffer.from('MZ\x90\x00')],
      ['tool.pdf', Buffer.from('MZ\x90\x00')],
      ['notes.txt', Buffer.from('hello <script>x</script>')],
      ['image.svg', Buffer.from('<svg onload="x"/>')],
    ] as const) {
      const res = await upload(gfb, url, name, data);
      expect(res.statusCode, name).toBe(400);
    }
    // The lead unit and the centre attach; a co-operating unit may not.
    expect((await upload(tjj, url, 'a.pdf', pdf)).statusCode).toBe(403);
    const big = await upload(
      gfb,
      url,
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(t.config.uploadLimit + 10)]),
    );
    expect(big.statusCode).toBe(413);
    const detail = (await gfb.get(`/api/v1/lists/items/${id}`)).json();
    expect(detail.attachments).toHaveLength(1);
    const file = await gfb.get(`/api/v1/lists/attachments/${detail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%E9%AA%8C%E6%94%B6");
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // A co-operating unit reads the evidence; a user who cannot see the item cannot fetch it.
    expect((await tjj.get(`/api/v1/lists/attachments/${detail.attachments[0].id}`)).statusCode).toBe(200);
    expect((await team.get(`/api/v1/lists/attachments/${detail.attachments[0].id}`)).statusCode).toBe(403);
  });

  it('imports drafts from the template (all or nothing, errors by row and column) and exports any filtered list', async () => {
    expect((await xiqu.get('/api/v1/lists/import-template')).statusCode).toBe(403);
    const tpl = await gfb.get('/api/v1/lists/import-template');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('清单事项') as ExcelJS.Worksheet;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => headers.indexOf(h) + 1;
    const fill = (r: number, values: Record<string, string | number>) => {
      for (const [h, v] of Object.entries(values)) ws.getCell(r, col(h)).value = v;
    };
    // The template names things as users know them: no work-team id, dimension code or kind of org unit.
    const example = (ws.getRow(2).values as unknown[]).map(String).join(' ');
    expect(example).not.toMatch(/team-|\bD\d\b/);
    expect(ws.getCell(2, col('工作专班')).text).toContain('专班');
    const directory = wb.getWorksheet('单位名录') as ExcelJS.Worksheet;
    const kinds = new Set<string>();
    directory.eachRow((r, n) => {
      if (n > 1) kinds.add(r.getCell(2).text);
    });
    expect([...kinds].sort()).toEqual(['区', '县', '园区', '市', '市级部门'].sort());
    const help = wb.getWorksheet('填写说明') as ExcelJS.Worksheet;
    const helpText: string[] = [];
    help.eachRow((r) => helpText.push((r.values as unknown[]).map(String).join(' ')));
    expect(helpText.join('\n')).not.toMatch(/team-/);
    // Row 2 is the example: a file that still has it is refused, naming the row.
    let res = await upload(gfb, '/api/v1/lists/import', 'lists.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ row: 2, sheet: '清单事项' });
    const exampleDimension = ws.getCell(2, col('维度')).text;
    ws.spliceRows(2, 1);
    const good = {
      清单类型: '重点任务',
      年度: 2025,
      事项名称: '导入的任务',
      责任领导: '西区区长',
      牵头单位: '西区',
      具体责任人: '王五',
      开始日期: '2025-01-01',
      截止日期: '2025-12-31',
    };
    fill(2, {
      ...good,
      配合单位: '市民政局、市人社局',
      维度: exampleDimension,
      节点1名称: '制定方案',
      节点1计划日期: '2025-03-31',
      确保目标: 10,
      力争目标: 12,
      目标单位: '个',
    });
    fill(3, { ...good, 事项名称: '有错的行', 牵头单位: '不存在的局', 截止日期: '2024-12-31' });
    res = await upload(gfb, '/api/v1/lists/import', 'lists.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { row: number; column: string; field: string }[];
    expect(details.find((d) => d.field === '牵头单位')).toMatchObject({ row: 3, column: 'H' });
    expect(details.some((d) => d.row === 3 && d.field === '截止日期')).toBe(true);
    const before = (await gfb.get('/api/v1/lists/items?status=drafted')).json().total;
    expect((await gfb.get('/api/v1/lists/items?status=drafted')).json().total).toBe(before);
    ws.spliceRows(3, 1);
    res = await upload(gfb, '/api/v1/lists/import', 'lists.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(1);
    const imported = (
      (await gfb.get(`/api/v1/lists/items?q=${encodeURIComponent('导入的任务')}`)).json().rows as (Row & {
        coUnitIds: string[];
      })[]
    )[0];
    expect(imported).toMatchObject({
      status: 'drafted',
      kind: 'task',
      leadUnitId: 'xiqu',
      coUnitIds: ['dept-mzj', 'dept-rsj'],
      dimensionCode: 'D5',
    });
    // The one upload gate answers for the lists as for the values: 400 naming what the file is.
    const notWorkbook = await upload(gfb, '/api/v1/lists/import', 'x.xlsx', Buffer.from('not a workbook'));
    expect(notWorkbook.statusCode).toBe(400);
    expect(notWorkbook.json().error.message).toContain('文本文件');

    const exported = await gfb.get('/api/v1/lists/items/export?kind=reform&district=hitech');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment;/);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = out.worksheets[0] as ExcelJS.Worksheet;
    const expected = (await gfb.get('/api/v1/lists/items?kind=reform&district=hitech')).json().rows as Row[];
    expect(sheet.rowCount - 2).toBe(expected.length);
    expect(sheet.getCell(3, 1).value).toBe(expected[0]?.code);
    // 维度 by its name, never its code.
    const dimensionColumn = (sheet.getRow(2).values as unknown[]).indexOf('维度');
    const dimensions = expected.map((_, i) => sheet.getCell(3 + i, dimensionColumn).text);
    expect(dimensions.some((d) => d !== '')).toBe(true);
    for (const d of dimensions) expect(d).not.toMatch(/^D\d/);
    // A unit's export holds its own items only.
    const mine = await xiqu.get('/api/v1/lists/items/export');
    const mineWb = new ExcelJS.Workbook();
    await mineWb.xlsx.load(mine.rawPayload as unknown as ExcelJS.Buffer);
    expect((mineWb.worksheets[0] as ExcelJS.Worksheet).rowCount - 2).toBe(
      (await xiqu.get('/api/v1/lists/items')).json().total,
    );
  });

  it('shows leaders by colour, unit records and the monthly summary; runs warnings only for the centre', async () => {
    const view = (await leader.get('/api/v1/lists/leader-view')).json();
    expect(view.groups.length).toBeGreaterThan(3);
    const total = view.groups.reduce((s: number, g: { counts: { total: number } }) => s + g.counts.total, 0);
    expect(total).toBe((await leader.get('/api/v1/lists/items')).json().total);
    const records = (await gfb.get('/api/v1/lists/records?year=2024')).json();
    expect(records.length).toBeGreaterThan(3);
    expect(records[0].score).toBeGreaterThanOrEqual(records.at(-1).score);
    const summary = (await gfb.get('/api/v1/lists/summary/monthly?period=2024-10')).json();
    expect(summary.rows.length).toBeGreaterThan(10);
    const severity = { red: 4, yellow: 3, blue: 2, green: 1, none: 0 } as Record<string, number>;
    for (let i = 1; i < summary.rows.length; i++)
      expect(severity[summary.rows[i - 1].colour]).toBeGreaterThanOrEqual(severity[summary.rows[i].colour] as number);
    expect((await gfb.get('/api/v1/lists/summary/monthly?period=2024-13')).statusCode).toBe(400);
    for (const c of [xiqu, leader, shenhe]) expect((await c.post('/api/v1/lists/warnings/run')).statusCode).toBe(403);
    expect((await xiqu.put('/api/v1/lists/rules', (await xiqu.get('/api/v1/lists/rules')).json())).statusCode).toBe(
      403,
    );
    const rules = (await gfb.get('/api/v1/lists/rules')).json();
    expect((await gfb.put('/api/v1/lists/rules', { ...rules, approachDays: 20 })).json().approachDays).toBe(20);
    expect((await gfb.put('/api/v1/lists/rules', { ...rules, reportDay: 40 })).statusCode).toBe(400);
  });

  it('refuses a change without the CSRF token and any list route to a signed-out caller', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/warnings/run',
      headers: { cookie: gfb.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/lists/items' })).statusCode).toBe(401);
    const lists = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1/lists'));
    expect(lists.length).toBeGreaterThan(25);
    expect(lists.every((r) => r.access !== 'public')).toBe(true);
  });
});

describe.each(testDialects())('the lists feed the evaluation on %s', (dialect) => {
  it('computes D1-01 (reform items on schedule) from the reform list, read-only in the grid, and recomputes when an item turns red', async () => {
    const t = await createTestApp(dialect);
    try {
      const gfb = await t.as('gfb');
      const cell = async () =>
        (await gfb.get('/api/v1/evaluation/matrix'))
          .json()
          .cells.find(
            (c: { indicatorCode: string; orgUnitId: string }) => c.indicatorCode === 'D1-01' && c.orgUnitId === 'city',
          );
      const before = await cell();
      const items = (await gfb.get('/api/v1/lists/items?kind=reform')).json().rows as {
        colour: string;
        status: string;
      }[];
      const worked = items.filter((i) => i.status !== 'cancelled' && i.status !== 'drafted');
      expect(worked.length).toBeGreaterThan(0);
      const expected =
        Math.round(
          (worked.filter((i) => i.status === 'closed' || (i.colour !== 'yellow' && i.colour !== 'red')).length /
            worked.length) *
            1000,
        ) / 10;
      expect(before.actual).toBe(expected);
      const xiqu = await t.as('xiqu');
      const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json();
      const row = grid.rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'D1-01');
      expect(row.editable).toBe(false);
      const refused = await xiqu.put('/api/v1/values/grid', {
        orgUnitId: 'xiqu',
        period: '2024-11',
        entries: [{ indicatorCode: 'D1-01', value: 90, version: null, note: null }],
      });
      expect(refused.statusCode).toBe(400);
      // After the year's deadlines the open reform items are overdue: the daily run turns them red and the feed follows.
      t.clock.set('2025-01-20T02:00:00Z');
      const later = await t.as('gfb');
      expect((await later.post('/api/v1/lists/warnings/run')).statusCode).toBe(200);
      const after = (await later.get('/api/v1/evaluation/matrix'))
        .json()
        .cells.find(
          (c: { indicatorCode: string; orgUnitId: string }) => c.indicatorCode === 'D1-01' && c.orgUnitId === 'city',
        );
      expect(after.actual).toBeLessThan(before.actual);
    } finally {
      await t.close();
    }
  });
});
