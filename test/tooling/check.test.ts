import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { findImportCycles } from '../../scripts/check-cycles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('npm run check: the import-cycle check', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-cycles-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds none in src', () => {
    expect(findImportCycles(path.join(ROOT, 'src'))).toEqual([]);
  });

  it('names each file of a cycle, type-only imports included', () => {
    fs.mkdirSync(path.join(dir, 'http'));
    fs.writeFileSync(path.join(dir, 'app.ts'), "import { actorOf } from './routes.ts';\nexport const app = actorOf;\n");
    fs.writeFileSync(path.join(dir, 'routes.ts'), "import type { app } from './app.ts';\nexport const actorOf = 1;\n");
    fs.writeFileSync(path.join(dir, 'http/actor.ts'), "import { app } from '../app.ts';\nexport default app;\n");
    expect(findImportCycles(dir)).toEqual([['app.ts', 'routes.ts', 'app.ts']]);
  });
});

describe('npm run check: queries only in repositories', () => {
  // The rule does not need type information; linting without it keeps this test quick.
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
  const service = [
    "import { sql, type Kysely } from 'kysely';",
    'export async function count(db: { kysely: Kysely<Record<string, never>> }) {',
    '  await sql`select 1`.execute(db.kysely);',
    "  return db.kysely.selectFrom('users' as never).selectAll().execute();",
    '}',
    '',
  ].join('\n');
  const problems = async (file: string) =>
    (await eslint.lintText(service, { filePath: path.join(ROOT, file) }))[0]!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
      .map((m) => `${m.line}:${m.ruleId}`);

  it('fails a service that imports Kysely or builds a query', async () => {
    expect(await problems('src/server/modules/rounds/example.service.ts')).toEqual([
      '1:no-restricted-imports',
      '3:no-restricted-syntax',
      '3:no-restricted-syntax',
      '4:no-restricted-syntax',
      '4:no-restricted-syntax',
    ]);
  });

  it('exempts no other file: the seed loader and the CLI write through repositories too', async () => {
    expect(await problems('src/server/seed/load.ts')).toHaveLength(5);
    expect(await problems('src/cli/main.ts')).toHaveLength(5);
  });

  it('lets a repository and src/server/db do the same', async () => {
    expect(await problems('src/server/modules/rounds/example.repository.ts')).toEqual([]);
    expect(await problems('src/server/db/example.ts')).toEqual([]);
  });
});

describe('npm run check: every time shown is Beijing time', () => {
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
  const page = [
    "export const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');",
    "export const ok = (s: string) => s.replace('T', 'Z');",
    '',
  ].join('\n');
  const problems = async (file: string) =>
    (await eslint.lintText(page, { filePath: path.join(ROOT, file) }))[0]!.messages
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map((m) => `${m.line}:${m.message.slice(0, 30)}`);

  it('fails a page or a service that shows an ISO time by cutting it (UTC shown as local)', async () => {
    for (const file of ['src/web/pages/households/Example.tsx', 'src/server/modules/bulletin/example.service.ts'])
      expect(await problems(file)).toEqual(['1:Show a time with beijingTime()']);
  });
});
