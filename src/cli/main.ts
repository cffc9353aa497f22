import { loadConfig, ConfigError } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { runServer } from '../server/lifecycle.ts';
import {
  auditArchive,
  auditVerify,
  backup,
  CliError,
  createUser,
  resetMfa,
  resetPassword,
  restore,
  setDisabled,
  rotateKeys,
} from './security-commands.ts';
import { generateHouseholdsCommand } from './generate-households.ts';

const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员 administrator',
  securityAdmin: '安全管理员 security administrator',
  auditAdmin: '审计管理员 audit administrator',
  coordinator: '共富办 coordination centre',
  leader: '领导 leader',
  teamMember: '专班成员 work-team member',
  departmentReporter: '部门填报员 department reporter',
  districtReporter: '区县填报员 district reporter',
  reviewer: '审核员 reviewer',
  villageCadre: '村（社区）干部 village/community cadre',
  townshipOfficer: '乡镇（街道）干部 township officer',
  civilAffairsOfficer: '民政干部 civil-affairs officer',
  hrOfficer: '人社干部 human-resources officer',
};

async function serve(): Promise<void> {
  const config = loadConfig();
  const { seeded, ctx, port } = await runServer(config);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`;
  const lines = [
    '',
    '================================================================',
    ` 共富 Gongfu is running at ${address}`,
    ` Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.sqliteFile}`,
  ];
  if (config.mode === 'demo') {
    lines.push(' !!! DEMO MODE: demo accounts exist. Never use demo mode on a real network. !!!');
    lines.push('     (set GONGFU_MODE=production for a deployment without default accounts)');
    lines.push(
      '     The administrator accounts (admin, secadmin, auditor) set up a one-time-code app at first sign-in.',
    );
  } else if (!config.tls && config.trustProxy === false) {
    lines.push(' !!! No HTTPS: set TLS_CERT_FILE/TLS_KEY_FILE, or run behind an HTTPS proxy and set TRUST_PROXY. !!!');
  }
  if (config.mode === 'production' && (await ctx.users.list()).length === 0) {
    lines.push(' No accounts yet. Create the administrators with the command line (docs/security.md):');
    lines.push('   npm run cli -- create-user --role admin --username sysadmin --name "系统管理员"');
    lines.push('   npm run cli -- create-user --role securityAdmin --username secadmin --name "安全管理员"');
    lines.push('   npm run cli -- create-user --role auditAdmin --username auditor --name "审计管理员"');
  }
  if (seeded.accounts.length > 0) {
    lines.push('', ' Sign in with one of these accounts (passwords are shown only now):');
    for (const a of seeded.accounts)
      lines.push(`   ${a.username.padEnd(8)} ${a.password.padEnd(16)} ${ROLE_NAMES[a.role] ?? a.role}`);
  } else if (config.mode === 'demo') {
    lines.push(
      '',
      ' The demo accounts were printed at first start (admin, secadmin, auditor, gfb, leader, team, tjj, xiqu, shenhe).',
    );
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

const env = () => ({ config: loadConfig() });

const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve: () => serve(),
  migrate: () => migrate(),
  // The operator's security commands (src/cli/security-commands.ts, docs/security.md).
  'create-user': async (args) => void (await createUser(args, env())),
  'reset-password': async (args) => void (await resetPassword(args, env())),
  'reset-mfa': (args) => resetMfa(args, env()),
  'disable-user': (args) => setDisabled(args, env(), true),
  'enable-user': (args) => setDisabled(args, env(), false),
  backup: async (args) => void (await backup(args, env())),
  // A generated population for the whole city (示例数据), for benchmarks and demos (src/server/seed/city-households.ts).
  'generate-households': (args) => generateHouseholdsCommand(args, env()),
  restore: async (args) => void (await restore(args, env())),
  'rotate-keys': async (args) => void (await rotateKeys(args, env())),
  audit: async ([sub, ...rest]) => {
    if (sub === 'verify') {
      if (!(await auditVerify(rest, env()))) process.exitCode = 1;
    } else if (sub === 'archive') await auditArchive(rest, env());
    else throw new CliError('usage: audit verify [--anchor SEQ:HASH] | audit archive --before YYYY-MM-DD');
  },
};

const [command = 'serve', ...args] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  console.error(`Unknown command ${command}. Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
run(args).catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
