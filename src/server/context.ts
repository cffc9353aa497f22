import { Access } from './access/policy.ts';
import { OrgIndex } from './access/org-index.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SessionRepository } from './modules/auth/session.repository.ts';
import { OrgRepository } from './modules/org/org.repository.ts';
import { UserRepository } from './modules/users/user.repository.ts';
import { UsersService } from './modules/users/users.service.ts';
import { FrameworkRepository } from './modules/frameworks/framework.repository.ts';
import { FrameworkService } from './modules/frameworks/framework.service.ts';
import { ValueRepository } from './modules/values/value.repository.ts';
import { ValueService } from './modules/values/value.service.ts';
import { EvaluationRepository } from './modules/evaluation/evaluation.repository.ts';
import { EvaluationService } from './modules/evaluation/evaluation.service.ts';
import { CockpitService } from './modules/cockpit/cockpit.service.ts';
import { RoundService } from './modules/rounds/round.service.ts';
import { createListService, type ListService } from './modules/lists/list.module.ts';

/**
 * Everything a request handler may use, built once per server. Each service receives only the repositories it
 * needs (no god object injected everywhere); the context is the wiring, not a service locator for domain code.
 */
export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  /** Replaced when the org tree changes; read it through the getter. */
  org(): OrgIndex;
  access(): Access;
  auth: AuthService;
  users: UsersService;
  orgRepo: OrgRepository;
  frameworks: FrameworkService;
  values: ValueService;
  evaluation: EvaluationService;
  cockpit: CockpitService;
  rounds: RoundService;
  lists: ListService;
  reloadOrg(): Promise<void>;
}

export async function createContext(db: Db, config: Config, clock: Clock): Promise<AppContext> {
  const orgRepo = new OrgRepository(db.kysely);
  let org = new OrgIndex(await orgRepo.listNodes());
  let access = new Access(org);
  const getOrg = () => org;
  const getAccess = () => access;
  const userRepo = new UserRepository(db.kysely);
  const sessions = new SessionRepository(db.kysely);
  const auth = new AuthService({
    users: userRepo,
    sessions,
    clock,
    settings: () => ({ idleMinutes: config.sessionIdleMinutes, lockoutThreshold: 5, lockoutMinutes: 10 }),
  });
  const frameworkRepo = new FrameworkRepository(db.kysely);
  const valueRepo = new ValueRepository(db);
  const evaluationRepo = new EvaluationRepository(db);
  const frameworks = new FrameworkService({ repo: frameworkRepo, db: db.kysely, clock, org: getOrg });
  const evaluation = new EvaluationService({
    db,
    frameworks: frameworkRepo,
    values: valueRepo,
    results: evaluationRepo,
    org: getOrg,
    access: getAccess,
    clock,
  });
  const cockpit = new CockpitService({ evaluation, frameworks: frameworkRepo, values: valueRepo, org: getOrg, access: getAccess });
  const values = new ValueService({
    db,
    repo: valueRepo,
    frameworks: frameworkRepo,
    org: getOrg,
    access: getAccess,
    clock,
    onChange: (frameworkId) => evaluation.markStale(frameworkId),
  });
  const rounds = new RoundService({ db: db.kysely, frameworks: frameworkRepo, values, valueRepo, org: getOrg, access: getAccess, clock });
  const users = new UsersService({ repo: userRepo, sessions, clock, org: getOrg, sessionCache: auth });
  return {
    db,
    config,
    clock,
    org: getOrg,
    access: getAccess,
    auth,
    users,
    orgRepo,
    frameworks,
    values,
    evaluation,
    cockpit,
    rounds,
    lists: createListService(db, getOrg, clock, config),
    reloadOrg: async () => {
      org = new OrgIndex(await orgRepo.listNodes());
      access = new Access(org);
    },
  };
}
