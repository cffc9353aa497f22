import ExcelJS from 'exceljs';

/**
 * The 5,000-row import: a workbook in the entry template's layout with 5,000 new November values across 18 units,
 * uploaded as the fixture's reporter; timed from the request to the answer, three times on fresh periods.
 */
export async function benchImport(
  base: string,
  password: string,
  fx: { unitIds: string[]; codes: string[] },
): Promise<unknown> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'reporter', password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const entered = fx.codes.filter((_, i) => i % 30 !== 29);
  const runs = [];
  for (const period of ['2024-11', '2024-12']) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报表');
    ws.addRow(['指标编码', '指标名称', '计量单位', '单位编码', '单位名称', '期别', '上期值', '本期值', '填报说明']);
    let n = 0;
    for (const unit of fx.unitIds) {
      for (const code of entered) {
        if (n === 5000) break;
        ws.addRow([code, code, '%', `B${unit}`, unit, period, null, 5 + (n % 7) / 10, null]);
        n++;
      }
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const form = new FormData();
    form.append('file', new Blob([file]), 'bench.xlsx');
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/values/import`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    const ms = performance.now() - t;
    const body = (await res.json()) as { imported?: number; error?: unknown };
    runs.push({
      period,
      rows: n,
      fileBytes: file.length,
      status: res.status,
      imported: body.imported ?? null,
      ms: Math.round(ms),
      error: body.error ?? null,
    });
  }
  return runs;
}
