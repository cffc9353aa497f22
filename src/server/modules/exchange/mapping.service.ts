import type { z } from 'zod';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { IdMappingRow } from '../../db/exchange-tables.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, notFound, validation, bilingual } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { createMappingSchema, IdMapping } from '../../../shared/api/exchange.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import { loadBundle } from '../values/value.mapper.ts';
import { ExchangeRepository } from './exchange.repository.ts';

function toMapping(m: IdMappingRow): IdMapping {
  return {
    id: m.id,
    scheme: m.scheme,
    kind: m.kind === 'orgUnit' ? 'orgUnit' : 'dataElement',
    externalId: m.external_id,
    internalCode: m.internal_code,
    note: m.note,
    createdBy: m.created_by,
    createdAt: m.created_at,
  };
}

/**
 * The identifier mappings the coordination centre keeps: another system's data element and org unit identifiers →
 * Gongfu's indicator codes and org units, per scheme (`dhis2`, `province`…), so that a file can be sent with the
 * identifiers its system uses. Every change is in the audit trail.
 */
export class MappingService {
  private readonly db: Queryable;
  private readonly repo: ExchangeRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly org: () => OrgIndex;
  private readonly clock: Clock;
  private readonly auditor: Auditor;

  constructor(deps: {
    db: Queryable;
    frameworks: FrameworkRepository;
    org: () => OrgIndex;
    clock: Clock;
    auditor: Auditor;
  }) {
    this.db = deps.db;
    this.repo = new ExchangeRepository(deps.db);
    this.frameworks = deps.frameworks;
    this.org = deps.org;
    this.clock = deps.clock;
    this.auditor = deps.auditor;
  }

  async list(scheme: string | null): Promise<IdMapping[]> {
    return (await this.repo.mappings(scheme)).map(toMapping);
  }

  async create(actor: Actor, input: z.infer<typeof createMappingSchema>): Promise<IdMapping> {
    if (input.kind === 'dataElement') {
      const b = await loadBundle(this.frameworks, undefined);
      if (!b.indicators.some((i) => i.code === input.internalCode))
        throw validation([
          {
            field: 'internalCode',
            ...bilingual(`未知指标 ${input.internalCode}`, `unknown indicator ${input.internalCode}`),
          },
        ]);
    } else {
      const org = this.org();
      const known = org.get(input.internalCode) ?? [...org.byId.values()].find((n) => n.code === input.internalCode);
      if (!known)
        throw validation([
          {
            field: 'internalCode',
            ...bilingual(`未知单位 ${input.internalCode}`, `unknown org unit ${input.internalCode}`),
          },
        ]);
    }
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await new ExchangeRepository(trx).insertMapping(trx, {
        scheme: input.scheme,
        kind: input.kind,
        external_id: input.externalId,
        internal_code: input.internalCode,
        note: input.note,
        created_by: actor.username,
        created_at: this.clock.now().toISOString(),
      });
      if (!inserted)
        throw new AppError('CONFLICT', {
          zh: `标识方案 ${input.scheme} 已有 ${input.externalId} 的映射`,
          en: `Scheme ${input.scheme} already maps ${input.externalId}`,
        });
      await this.auditor.record(
        {
          action: 'mapping.create',
          objectType: 'id_mapping',
          objectId: inserted.id,
          detail: {
            scheme: input.scheme,
            kind: input.kind,
            externalId: input.externalId,
            internalCode: input.internalCode,
          },
        },
        trx,
      );
      return inserted;
    });
    return toMapping(row);
  }

  async remove(id: string): Promise<void> {
    const m = await this.repo.mapping(id);
    if (!m) throw notFound({ zh: '标识映射', en: 'Identifier mapping' });
    await this.db.transaction().execute(async (trx) => {
      await new ExchangeRepository(trx).deleteMapping(trx, id);
      await this.auditor.record(
        {
          action: 'mapping.delete',
          objectType: 'id_mapping',
          objectId: id,
          detail: { scheme: m.scheme, kind: m.kind, externalId: m.external_id, internalCode: m.internal_code },
        },
        trx,
      );
    });
  }
}
