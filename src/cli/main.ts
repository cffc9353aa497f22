import { loadConfig, ConfigError } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { startServer } from '../server/server.ts';
import { UserRepository } from '../server/modules/users/user.repository.ts';
import { generatePassword, hashPassword } from '../server/modules/auth/password-hash.ts';

const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员 administrator',
  coordinator: '共富办 coordination centre',
  leader: '领导 leader',
  teamMember: '专班成员 work-team member',
  departmentReporter: '部门填报员 department reporter',
  districtReporter: '区县填报员 district reporter',
  reviewer: '审核员 reviewer',
};

async function serve(): Promise<void> {
  const config = loadConfig();
  const { app, seeded } = await startServer(config, { logger: true });
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = `http://${shownHost}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`;
  const lines = [
    '',
    '================================================================',
    ` 共富 Gongfu is running at ${address}`,
    ` Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.sqliteFile}`,
  ];
  if (config.mode === 'demo') {
    lines.push(' !!! DEMO MODE: demo accounts exist. Never use demo mode on a real network. !!!');
    lines.push('     (set GONGFU_MODE=production for a deployment without default accounts)');
  }
  if (seeded.accounts.length > 0) {
    lines.push('', ' Sign in with one of these accounts (passwords are shown only now):');
    for (const a of seeded.accounts) lines.push(`   ${a.username.padEnd(8)} ${a.password.padEnd(16)} ${ROLE_NAMES[a.role] ?? a.role}`);
  } else if (config.mode === 'demo') {
    lines.push('', ' The demo accounts were printed at first start (admin, gfb, leader, team, tjj, xiqu, shenhe).');
    lines.push(' Forgot one? npm run cli -- reset-password <username>');
  }
  lines.push('================================================================', '');
  process.stdout.write(lines.join('\n') + '\n');
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config);
  const applied = await migrateToLatest(db);
  await db.close();
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
}

async function resetPassword(username: string | undefined): Promise<void> {
  if (!username) throw new Error('usage: reset-password <username>');
  const config = loadConfig();
  const db = openDatabase(config);
  try {
    const users = new UserRepository(db.kysely);
    const user = await users.findByUsername(username);
    if (!user) throw new Error(`No user ${username}`);
    const password = generatePassword();
    const now = new Date().toISOString();
    await users.update(user.id, user.version, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      password_changed_at: now,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    console.log(`New password for ${username}: ${password} (to be changed at next sign-in)`);
  } finally {
    await db.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve: () => serve(),
  migrate: () => migrate(),
  'reset-password': (args) => resetPassword(args[0]),
};

const [command = 'serve', ...args] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  console.error(`Unknown command ${command}. Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
run(args).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
