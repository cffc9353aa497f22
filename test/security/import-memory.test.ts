/**
 * Memory stays bounded whatever arrives (issue 13, item 12): the server, in a child process whose heap is capped at
 * 160 MB, receives hostile files through both import routes and must refuse each cleanly. Loaded whole, the first
 * file alone (839,000 rows in 4 MB) took ExcelJS past 600 MB; the child would die of it rather than answer.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bomb, manyRows, manyStrings, wideRows } from './hostile-xlsx.ts';

const HEAP_MB = 160;

interface Outcome {
  file: string;
  url: string;
  status: number;
  code: string;
  message: string;
}

describe('imports under a small heap', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-hostile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    `refuses a sheet of 839,000 rows, zip bombs, a huge strings table and a too-wide row within ${HEAP_MB} MB`,
    { timeout: 180_000 },
    () => {
      const files = {
        rows: manyRows('填报表', 839_000),
        lyingBomb: bomb(100 * 1024 * 1024, 1000),
        honestBomb: bomb(100 * 1024 * 1024, 100 * 1024 * 1024),
        strings: manyStrings(1_600_000),
        wide: wideRows(20),
      };
      expect(files.rows.length).toBeLessThan(5 * 1024 * 1024);
      const paths = Object.entries(files).map(([name, bytes]) => {
        const p = path.join(dir, `${name}.xlsx`);
        fs.writeFileSync(p, bytes);
        return p;
      });
      const child = spawnSync(
        process.execPath,
        [`--max-old-space-size=${HEAP_MB}`, path.join(import.meta.dirname, 'import-memory.child.ts'), ...paths],
        { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' }, maxBuffer: 1024 * 1024 },
      );
      expect(child.stderr).not.toMatch(/heap out of memory|Allocation failed/);
      expect(child.status).toBe(0);
      const { outcomes } = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as { outcomes: Outcome[] };
      const seen = (name: keyof typeof files, url: string) =>
        outcomes.find((o) => o.file.endsWith(`${name}.xlsx`) && o.url === url);
      for (const url of ['/api/v1/values/import', '/api/v1/lists/import']) {
        const limit = url.includes('values') ? 20000 : 2000;
        expect(seen('rows', url)).toMatchObject({
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          message: expect.stringContaining(`超过单次导入 ${limit} 行数据的上限（读到第 ${limit + 2} 行即停止）`),
        });
        expect(seen('lyingBomb', url)).toMatchObject({
          status: 400,
          message: expect.stringContaining('解压后超过 40 MB'),
        });
        expect(seen('honestBomb', url)).toMatchObject({ status: 400, message: expect.stringContaining('压缩比超过') });
        expect(seen('strings', url)).toMatchObject({ status: 400, message: expect.stringContaining('共享字符串表') });
        expect(seen('wide', url)).toMatchObject({
          status: 400,
          message: expect.stringContaining('XFD 列超出模板范围'),
        });
      }
    },
  );
});
