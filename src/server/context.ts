import { Access } from './access/policy.ts';
import { OrgIndex } from './access/org-index.ts';
import type { Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import type { Db } from './db/database.ts';
import { SettingsRepository } from './db/settings.repository.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SessionRepository } from './modules/auth/session.repository.ts';
import { OrgRepository } from './modules/org/org.repository.ts';
import { UserRepository } from './modules/users/user.repository.ts';
import { UsersService } from './modules/users/users.service.ts';
import { FrameworkRepository } from './modules/frameworks/framework.repository.ts';
import { FrameworkService } from './modules/frameworks/framework.service.ts';
import { ValueRepository } from './modules/values/value.repository.ts';
import { ValueService } from './modules/values/value.service.ts';
import { PeriodLockRepository } from './modules/values/period-lock.repository.ts';
import { EvaluationRepository } from './modules/evaluation/evaluation.repository.ts';
import { EvaluationService } from './modules/evaluation/evaluation.service.ts';
import { CockpitService } from './modules/cockpit/cockpit.service.ts';
import { ExcelRepository } from './modules/excel/excel.repository.ts';
import { ExcelService } from './modules/excel/excel.service.ts';
import { RoundRepository } from './modules/rounds/round.repository.ts';
import { RoundService } from './modules/rounds/round.service.ts';
import { createListService, type ListService } from './modules/lists/list.module.ts';
import { createCaseService, type CaseService } from './modules/households/case.module.ts';
import type { CaseQ } from './modules/households/case.repository.ts';
import { createProjectService, PROJECT_FEEDS, type ProjectService } from './modules/projects/project.module.ts';
import { SecurityPolicyService } from './modules/security/policy.service.ts';
import { MfaService } from './modules/security/mfa.service.ts';
import { AlertService } from './modules/security/alert.service.ts';
import { AuditService } from './modules/security/audit.service.ts';
import { AuditLog } from './security/audit.ts';
import { Auditor } from './security/auditor.ts';
import { CRYPTO_SUITES, FieldCrypto, loadFieldKeys } from './security/field-crypto.ts';
import { KeyRotation } from './security/key-rotation.ts';
import { valueHistoryAudit } from './security/value-audit.ts';
import { InProcessEventBus, type EventBus } from './events.ts';
import { HouseholdService } from './modules/households/household.service.ts';
import { HouseholdImportService } from './modules/households/household.import.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, PersonalData } from './security/personal-data.ts';
import { HouseholdStatisticsService } from './modules/households/household-statistics.service.ts';
import { HouseholdStatisticsRepository } from './modules/households/household-statistics.repository.ts';
import { TokenService } from './modules/exchange/token.service.ts';
import { createExchange, type Exchange } from './modules/exchange/exchange.module.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { InProcessJobQueue } from './jobs/in-process.queue.ts';
import { defineDailyRuns } from './jobs/daily-runs.ts';
import { Metrics } from './metrics/metrics.ts';

/**
 * Everything a request handler may use, built once per server. Each service receives only the repositories it
 * needs (no god object injected everywhere); the context is the wiring, not a service locator for domain code.
 */
export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  /** The one change signal: writers emit, caches listen (src/server/events.ts). */
  events: EventBus;
  /** Background jobs (src/server/jobs): pg-boss on PostgreSQL, in this process on SQLite. Started when the server listens. */
  jobs: JobQueue;
  /** The Prometheus metrics served at GET /metrics (src/server/metrics). */
  metrics: Metrics;
  /** Replaced when the org tree changes; read it through the getter. */
  org(): OrgIndex;
  access(): Access;
  auth: AuthService;
  /** Service accounts and their API tokens (src/server/modules/exchange). */
  tokens: TokenService;
  /** Data value sets, ADX, SDMX-CSV, identifier mappings, signed notifications (src/server/modules/exchange). */
  exchange: Exchange;
  users: UsersService;
  orgRepo: OrgRepository;
  frameworks: FrameworkService;
  values: ValueService;
  evaluation: EvaluationService;
  cockpit: CockpitService;
  rounds: RoundService;
  excel: ExcelService;
  lists: ListService;
  /** The low-income registry's statistics by unit (suppressed for readers who may not see households). */
  householdStatistics: HouseholdStatisticsService;
  householdCases: CaseService;
  /** The major-project ledger (项目为王): projects, plans, monthly returns, lights, aggregates. */
  projects: ProjectService;
  householdImports: HouseholdImportService;
  /** The household registry: households, members, incomes, history (named; the household roles only). */
  households: HouseholdService;
  /** Writes the audit trail (who and where from the request being served). */
  auditor: Auditor;
  /** The security policy in force: password rules, lockout, idle timeout, second factor. */
  policy: SecurityPolicyService;
  mfa: MfaService;
  /** The audit administrator's search, export and verification. */
  audit: AuditService;
  /** Security alerts for the security and audit administrators. */
  alerts: AlertService;
  /** The key and algorithm rotation job over every encrypted column (`rotate-keys`). */
  keyRotation(batchSize?: number): KeyRotation;
  /** Field encryption, built from the configured keys when first needed (src/server/security/field-crypto.ts). */
  fieldCrypto(): FieldCrypto;
  reloadOrg(): Promise<void>;
}

export async function createContext(
  db: Db,
  config: Config,
  clock: Clock,
  events: EventBus = new InProcessEventBus(),
  jobs: JobQueue = new InProcessJobQueue(),
): Promise<AppContext> {
  const metrics = new Metrics();
  metrics.watch(jobs);
  const orgRepo = new OrgRepository(db.kysely);
  let org = new OrgIndex(await orgRepo.listNodes());
  let access = new Access(org);
  const getOrg = () => org;
  const getAccess = () => access;
  const auditor = new Auditor(new AuditLog(db, clock, CRYPTO_SUITES[config.cryptoSuite].auditHash));
  let crypto: FieldCrypto | null = null;
  const fieldCrypto = () => (crypto ??= new FieldCrypto(loadFieldKeys(config.fieldKeys, config)));
  const policy = new SecurityPolicyService({
    db: db.kysely,
    clock,
    auditor,
    idleMinutesDefault: config.sessionIdleMinutes,
    events,
  });
  const alerts = new AlertService({ db: db.kysely, clock, auditor });
  const auth = new AuthService({
    db: db.kysely,
    users: new UserRepository(db.kysely),
    sessions: new SessionRepository(db.kysely),
    clock,
    policy,
    auditor,
    fieldCrypto,
    alerts,
    limits: {
      perAddress: { limit: config.signInLimitPerAddress, windowMs: 10 * 60_000 },
      perAccount: { limit: config.signInLimitPerAccount, windowMs: 10 * 60_000 },
    },
  });
  const frameworkRepo = new FrameworkRepository(db.kysely);
  const valueRepo = new ValueRepository(db, { onHistory: valueHistoryAudit(auditor) });
  const evaluationRepo = new EvaluationRepository(db);
  const frameworks = new FrameworkService({ repo: frameworkRepo, db: db.kysely, clock, org: getOrg, auditor, events });
  const evaluation = new EvaluationService({
    settings: new SettingsRepository(db.kysely),
    frameworks: frameworkRepo,
    values: valueRepo,
    results: evaluationRepo,
    org: getOrg,
    access: getAccess,
    clock,
    events,
    auditor,
    meter: { cache: metrics.cache, run: (view, seconds) => metrics.evaluation(view, seconds) },
  });
  const cockpit = new CockpitService({
    evaluation,
    frameworks: frameworkRepo,
    values: valueRepo,
    org: getOrg,
    access: getAccess,
    events,
    cacheMeter: metrics.cache,
  });
  const values = new ValueService({
    repo: valueRepo,
    locks: new PeriodLockRepository(db.kysely),
    frameworks: frameworkRepo,
    org: getOrg,
    access: getAccess,
    clock,
    events,
    auditor,
    cacheMeter: metrics.cache,
  });
  const rounds = new RoundService({
    db: db.kysely,
    repo: new RoundRepository(db.kysely),
    frameworks: frameworkRepo,
    values,
    valueRepo,
    org: getOrg,
    access: getAccess,
    clock,
  });
  const excel = new ExcelService({
    db: db.kysely,
    values,
    evaluation,
    repo: new ExcelRepository(db.kysely),
    org: getOrg,
    access: getAccess,
    clock,
    events,
  });
  const users = new UsersService({ db: db.kysely, orgRepo, clock, org: getOrg, auditor, policy, sessionCache: auth });
  const mfa = new MfaService({
    db: db.kysely,
    clock,
    policy,
    auditor,
    fieldCrypto,
    forgetUser: (id) => auth.forgetUser(id),
    verifyOwnPassword: (actor, password, action) => auth.verifyOwnPassword(actor, password, action),
  });
  const lists = createListService(db, { org: getOrg, access: getAccess, clock, config, events, fieldCrypto, auditor });
  // Persons in charge stored in clear (before the personal-data policy, or by the default data) are sealed now; a
  // production start without its field key (which then refuses every write of personal data) seals them later.
  await lists.sealPersonalData().catch((e: unknown) => {
    if (!(e instanceof ConfigError)) throw e;
  });
  // The four lists feed indicator D1-01 (reform items on schedule) into the evaluation.
  evaluation.registerFeed('lists.reformOnSchedule', (unitIds, year) => lists.views.reformOnSchedule(unitIds, year));
  // The household registry feeds D5-03, D5-04 and D5-05 (its current figures, for the latest month evaluated).
  const householdStatistics = new HouseholdStatisticsService({
    source: new HouseholdStatisticsRepository(db.kysely),
    org: getOrg,
    access: getAccess,
    clock,
    events,
    // Declared below: the registry's own scope rule decides who sees a unit's households (then nothing is suppressed).
    maySeeIndividuals: (actor, unitId) => households.maySeeHouseholdsOf(actor, unitId),
  });
  const personal = new PersonalData(fieldCrypto);
  const householdCases = createCaseService(db, {
    org: getOrg,
    clock,
    auditor,
    events,
    blindIndex: (id) => fieldCrypto().blindIndex(id),
    blindIndexCandidates: (id) => fieldCrypto().blindIndexCandidates(id),
    decrypt: (sealed) => personal.open(HOUSEHOLD_MEMBER_PERSONAL, 'name', sealed) ?? '',
  });
  const households = new HouseholdService({
    db: db.kysely,
    org: getOrg,
    access: getAccess,
    clock,
    personal,
    fieldCrypto,
    auditor,
    events,
    // A household newly flagged opens its monitoring case in the same transaction (the case tables share it).
    flagged: (q, changes) => householdCases.openFromFlags(changes, q as unknown as CaseQ),
  });
  const householdImports = new HouseholdImportService({
    db,
    org: getOrg,
    clock,
    personal,
    fieldCrypto,
    auditor,
    events,
    flagged: (q, changes) => householdCases.openFromFlags(changes, q),
    jobs,
  });
  // A survey import left running by a server that stopped committed nothing: its job says so. On pg-boss the queue
  // tries it again on a live server, or fails it saying why (another server may be running it right now).
  if (jobs.kind === 'in-process') await householdImports.recover();
  // Households of the default data are written in clear with placeholder indexes; sealed here (like the lists').
  await households.sealPersonalData().catch((e: unknown) => {
    if (!(e instanceof ConfigError)) throw e;
  });
  evaluation.registerFeed('households.middleShare', (unitIds) => householdStatistics.middleShareFeed(unitIds));
  evaluation.registerFeed('households.below10k', (unitIds) => householdStatistics.below10kFeed(unitIds));
  evaluation.registerFeed('households.zeroEmployment', (unitIds) => householdStatistics.zeroEmploymentFeed(unitIds));
  const projects = createProjectService(db, {
    org: getOrg,
    access: getAccess,
    clock,
    auditor,
    events,
    // Late problems of the ledger become supervision notices of the project's list item.
    issueNotice: (itemId, problem, at) => lists.notices.issueSystemNotice(itemId, problem, at),
    // The ledger's targets are the framework's (D2-30 … D2-33, D2-36).
    frameworks: frameworkRepo,
  });
  // The ledger feeds the framework's project indicators (D2-30 … D2-34, D2-36), as the lists feed D1-01.
  const tokens = new TokenService({ db: db.kysely, clock, auditor, perMinute: config.tokenRateLimitPerMinute });
  const exchange = createExchange(db.kysely, {
    values,
    frameworks: frameworkRepo,
    org: getOrg,
    access: getAccess,
    clock,
    events,
    auditor,
    fieldCrypto,
  });
  // Monthly: each month of a trend takes the ledger's figures as of its end (the returns stored for it).
  for (const kind of PROJECT_FEEDS) evaluation.registerFeed(`projects.${kind}`, projects.feed(kind), { monthly: true });
  // The daily warning runs, once a day however many servers (src/server/jobs/daily-runs.ts).
  defineDailyRuns(
    jobs,
    [
      { queue: 'lists.daily', run: (at) => lists.warnings.runDaily(at) },
      { queue: 'projects.daily', run: (at) => projects.runDaily(at) },
      { queue: 'household-cases.daily', run: (at) => householdCases.runDaily(at) },
    ],
    () => clock.now(),
  );
  return {
    db,
    config,
    clock,
    events,
    jobs,
    metrics,
    org: getOrg,
    access: getAccess,
    auth,
    tokens,
    exchange,
    users,
    orgRepo,
    frameworks,
    values,
    evaluation,
    cockpit,
    rounds,
    excel,
    lists,
    householdStatistics,
    householdCases,
    householdImports,
    households,
    projects,
    auditor,
    policy,
    mfa,
    audit: new AuditService({ db, auditor, clock }),
    alerts,
    keyRotation: (batchSize) => new KeyRotation({ db: db.kysely, crypto: fieldCrypto, auditor, batchSize }),
    fieldCrypto,
    reloadOrg: async () => {
      org = new OrgIndex(await orgRepo.listNodes());
      access = new Access(org);
    },
  };
}
