import crypto from 'node:crypto';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import { safeDetail } from '../../security/auditor.ts';
import type { SecurityAlert, SecurityAlertKind } from '../../../shared/api/security.ts';
import { AlertRepository, type SecurityAlertRow } from './alert.repository.ts';

function toAlert(r: SecurityAlertRow): SecurityAlert {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind as SecurityAlertKind,
    userId: r.user_id,
    username: r.username,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    note: r.note,
  };
}

/**
 * Security alerts (安全事件告警): what the server saw that the security and audit administrators must look at, and
 * that no rule can decide alone — a reset password turned into a new one on an account without a second factor (the
 * system administrator who reset it could have been the one who did it: docs/security.md, "Account takeover by the
 * system administrator"), a stored secret no configured key decrypts. Raised in the transaction of what caused it
 * and written to the audit trail as `security.alert`; listed to both administrators (their home pages show the count
 * of open ones); acknowledged, with a note, by the security administrator only; never deleted.
 */
export class AlertService {
  private readonly db: Queryable;
  private readonly clock: Clock;
  private readonly auditor: Auditor;

  constructor(deps: { db: Queryable; clock: Clock; auditor: Auditor }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.auditor = deps.auditor;
  }

  /** Raises an alert in `trx` (the transaction of the change that causes it) and records it in the trail. */
  async raise(
    trx: Queryable,
    alert: { kind: SecurityAlertKind; userId: string | null; username: string | null; detail: Record<string, unknown> },
  ): Promise<string> {
    const id = crypto.randomUUID();
    const detail = safeDetail(alert.detail) as Record<string, unknown>;
    await new AlertRepository(trx).insert({
      id,
      at: this.clock.now().toISOString(),
      kind: alert.kind,
      user_id: alert.userId,
      username: alert.username,
      detail: JSON.stringify(detail),
      acknowledged_at: null,
      acknowledged_by: null,
      note: null,
    });
    await this.auditor.record(
      {
        action: 'security.alert',
        outcome: 'success',
        objectType: 'securityAlert',
        objectId: id,
        detail: { kind: alert.kind, account: alert.username, ...detail },
      },
      trx,
    );
    return id;
  }

  /** Whether an alert of `kind` about `userId` is still open (to raise one per account, not one per attempt). */
  isOpen(trx: Queryable, kind: SecurityAlertKind, userId: string): Promise<boolean> {
    return new AlertRepository(trx).hasOpen(kind, userId);
  }

  async list(opts: { all: boolean }): Promise<{ open: number; alerts: SecurityAlert[] }> {
    const repo = new AlertRepository(this.db);
    return { open: await repo.countOpen(), alerts: (await repo.list({ all: opts.all, limit: 500 })).map(toAlert) };
  }

  /** The security administrator has looked into it: acknowledged with what was found (409 when already done). */
  async acknowledge(actor: Actor, id: string, note: string | null): Promise<SecurityAlert> {
    return this.db.transaction().execute(async (trx) => {
      const repo = new AlertRepository(trx);
      const found = await repo.findById(id);
      if (!found) throw notFound({ zh: '安全告警', en: 'Security alert' });
      const at = this.clock.now().toISOString();
      if (!(await repo.acknowledge(id, actor.username, at, note))) {
        throw new AppError('CONFLICT', { zh: '该告警已被处理', en: 'This alert was already acknowledged' });
      }
      await this.auditor.record(
        {
          action: 'security.alert.acknowledge',
          objectType: 'securityAlert',
          objectId: id,
          detail: { kind: found.kind, account: found.username, note },
        },
        trx,
      );
      return toAlert({ ...found, acknowledged_at: at, acknowledged_by: actor.username, note });
    });
  }
}
