import type { Db } from '../db/database.ts';
import type { ListQ, ListTables } from '../db/list-tables.ts';
import type { Queryable, Tx } from '../db/transaction.ts';
import { FrameworkRepository } from '../modules/frameworks/framework.repository.ts';
import { ListRepository } from '../modules/lists/list.repository.ts';
import { ProjectRepository } from '../modules/projects/project.repository.ts';
import type { ProjectQ, ProjectTables } from '../db/project-tables.ts';
import { OrgRepository } from '../modules/org/org.repository.ts';
import { RoundRepository } from '../modules/rounds/round.repository.ts';
import { UserRepository } from '../modules/users/user.repository.ts';
import { ValueRepository } from '../modules/values/value.repository.ts';

/**
 * The modules' repositories the default-data loader writes through (it builds no query of its own), and the one
 * transaction it loads everything in.
 */
export class SeedRepositories {
  readonly org: OrgRepository;
  readonly frameworks: FrameworkRepository;
  readonly values: ValueRepository;
  readonly users: UserRepository;
  readonly rounds: RoundRepository;
  readonly lists: ListRepository;
  readonly projects: ProjectRepository;
  private readonly k: Queryable;

  constructor(db: Db) {
    this.k = db.kysely;
    this.org = new OrgRepository(db.kysely);
    this.frameworks = new FrameworkRepository(db.kysely);
    this.values = new ValueRepository(db);
    this.users = new UserRepository(db.kysely);
    this.rounds = new RoundRepository(db.kysely);
    this.lists = new ListRepository(db);
    this.projects = new ProjectRepository(db);
  }

  /** Runs `fn` in one transaction: the default data loads whole or not at all. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }

  /** The lists' view of the same transaction (their tables are typed beside the platform's). */
  listTx(tx: Tx): ListQ {
    return tx.withTables<ListTables>();
  }

  /** The ledger's view of the same transaction (it reads the lists' items it links to). */
  projectTx(tx: Tx): ProjectQ {
    return tx.withTables<ListTables>().withTables<ProjectTables>();
  }
}
