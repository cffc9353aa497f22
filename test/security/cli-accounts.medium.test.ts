import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, createUser, resetPassword, setDisabled } from '../../src/cli/security-commands.ts';
import { TestClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import type { Db } from '../../src/server/db/database.ts';
import { defaultPasswordPolicy } from '../../src/server/security/password-policy.ts';
import { savePolicy } from '../../src/server/security/policy-store.ts';
import { createTestDb, testDialects } from '../databases.ts';

// The command line's account commands go through the users service: the rules are the API's.
describe.each(testDialects())('the account commands on %s', (dialect) => {
  let db: Db;
  const lines: string[] = [];
  const config = loadConfig({ GONGFU_MODE: 'demo', DATA_DIR: '/tmp/gongfu-test-unused', WEB_DIST: '/nonexistent' });
  const clock = new TestClock('2024-11-05T02:00:00Z');
  const env = () => ({ config, clock, db, out: (l: string) => lines.push(l) });
  const user = (username: string) =>
    db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.close());

  it('creates an account once: a taken name is refused, in both languages', async () => {
    await createUser(['--role', 'admin', '--username', 'sysadmin', '--name', '系统管理员'], env());
    const again = await createUser(['--role', 'admin', '--username', 'sysadmin'], env()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(CliError);
    expect((again as CliError).message).toBe('用户名 sysadmin 已存在 / User name sysadmin is taken');
    const trail = await db.kysely
      .selectFrom('audit_log')
      .select(['action', 'username', 'user_id'])
      .where('action', '=', 'user.create')
      .execute();
    expect(trail).toEqual([{ action: 'user.create', username: expect.stringMatching(/^cli/), user_id: null }]);
  });

  it('refuses an unknown work team, naming the field', async () => {
    await expect(
      createUser(['--role', 'teamMember', '--username', 'member', '--work-team', 'nowhere'], env()),
    ).rejects.toThrow(/workTeamId: 未知专班 nowhere/);
  });

  it('resets a password under the stored policy: as many old passwords remembered as it says', async () => {
    await savePolicy(db.kysely, { ...defaultPasswordPolicy(), historyCount: 5 });
    for (let i = 0; i < 6; i++) await resetPassword(['sysadmin'], env());
    const history = JSON.parse((await user('sysadmin')).password_history) as string[];
    // The built-in policy remembers 3; the stored one 5.
    expect(history).toHaveLength(5);
    expect((await user('sysadmin')).must_change_password).toBe(1);
  });

  it('disables an account and ends its sessions', async () => {
    const ctx = await createContext(db, config, clock);
    const before = await user('sysadmin');
    await db.kysely
      .insertInto('sessions')
      .values({
        id: 'sess-hash',
        user_id: before.id,
        csrf_token: 'csrf',
        created_at: clock.now().toISOString(),
        last_seen_at: clock.now().toISOString(),
        ended_at: null,
        ip: '127.0.0.1',
        user_agent: 'test',
        pending_mfa: 0,
      })
      .execute();
    expect((await ctx.users.activeSessions()).map((s) => s.id)).toEqual(['sess-hash']);
    await setDisabled(['sysadmin'], env(), true);
    expect((await user('sysadmin')).disabled).toBe(1);
    expect(await ctx.users.activeSessions()).toEqual([]);
    await expect(setDisabled(['nobody'], env(), true)).rejects.toThrow(/用户 nobody/);
  });
});
