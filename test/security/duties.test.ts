import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/types.ts';
import { BUSINESS_ROLES, PRIVILEGED_ROLES, refusal, type AccountAct } from '../../src/server/security/duties.ts';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, clientOf, errorCode, login, makeUser } from './helpers.ts';

const ACTS: readonly AccountAct[] = [
  'create',
  'editProfile',
  'disable',
  'resetPassword',
  'assignRights',
  'resetSecondFactor',
];

describe('separation of duties: the rules (src/server/security/duties.ts)', () => {
  const actor = (role: Role) => ({ userId: `me-${role}`, role });
  const business = { id: 'u1', role: 'leader' };
  const unassigned = { id: 'u2', role: 'unassigned' };

  it('gives each act to exactly one duty', () => {
    for (const act of ACTS) {
      const allowed = ROLES.filter(
        (r) => refusal(actor(r), act, act === 'create' ? null : business, 'reviewer') === null,
      );
      expect(allowed, act).toEqual(
        ['create', 'editProfile', 'disable', 'resetPassword'].includes(act) ? ['admin'] : ['securityAdmin'],
      );
    }
  });

  it('lets nobody act on a privileged account or on their own, through the API', () => {
    for (const role of PRIVILEGED_ROLES) {
      for (const act of ACTS.filter((a) => a !== 'create')) {
        for (const targetRole of PRIVILEGED_ROLES) {
          expect(refusal(actor(role), act, { id: 'other', role: targetRole }, 'leader')).not.toBeNull();
        }
        expect(refusal(actor(role), act, { id: `me-${role}`, role }, 'leader')).not.toBeNull();
      }
    }
  });

  it('lets the security administrator grant business roles only', () => {
    for (const r of BUSINESS_ROLES) expect(refusal(actor('securityAdmin'), 'assignRights', unassigned, r)).toBeNull();
    for (const r of PRIVILEGED_ROLES)
      expect(refusal(actor('securityAdmin'), 'assignRights', unassigned, r)?.en).toMatch(/only by the operator/);
  });
});

describe.each(testDialects())('separation of duties over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let secadmin: Client;
  let auditor: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.as('admin');
    secadmin = await t.as('secadmin');
    auditor = await t.as('auditor');
  });
  afterAll(async () => t.close());

  const idOf = async (username: string) =>
    (await t.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;

  it('an account starts with no rights: created by the system administrator, authorised by the security administrator', async () => {
    const created = await admin.post('/api/v1/users', {
      username: 'xiqu.li',
      displayName: '西区 李四',
      role: 'coordinator',
      viewScope: ['city'],
    });
    expect(created.statusCode).toBe(200);
    const { user, initialPassword } = created.json<{
      user: { id: string; role: string | null; viewScope: string[]; version: number };
      initialPassword: string;
    }>();
    // Role and scopes in the request are not the administrator's to give: the account has none.
    expect(user).toMatchObject({ role: null, viewScope: [], mustChangePassword: true });

    // Without a role it cannot sign in, and the answer is the one for a wrong password.
    const early = await login(t, { username: 'xiqu.li', password: initialPassword });
    expect(early.statusCode).toBe(401);
    expect(errorCode(early)).toBe('INVALID_CREDENTIALS');

    // The administrator cannot authorise it…
    const rights = {
      role: 'districtReporter',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      workTeamId: null,
      version: user.version,
    };
    const byAdmin = await admin.put(`/api/v1/users/${user.id}/rights`, rights);
    expect(byAdmin.statusCode).toBe(403);
    // …the security administrator can, with a business role.
    const bySecadmin = await secadmin.put(`/api/v1/users/${user.id}/rights`, rights);
    expect(bySecadmin.statusCode).toBe(200);
    expect(bySecadmin.json()).toMatchObject({ role: 'districtReporter', entryScope: ['xiqu'], viewScope: ['xiqu'] });

    // Now it signs in, and must change the initial password first.
    const c = clientOf(t, await login(t, { username: 'xiqu.li', password: initialPassword }), 'xiqu.li');
    expect(errorCode(await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11'))).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(
      (await c.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'Pzh#2024ok' }))
        .statusCode,
    ).toBe(200);
    expect((await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).statusCode).toBe(200);
  });

  it('nobody grants a privileged role through the API, and nobody changes their own rights', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    for (const role of PRIVILEGED_ROLES) {
      const res = await secadmin.put(`/api/v1/users/${u.id}/rights`, {
        role,
        entryScope: [],
        viewScope: ['city'],
        workTeamId: null,
        version: 1,
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.messageEn).toMatch(/only by the operator/);
    }
    const self = await secadmin.put(`/api/v1/users/${await idOf('secadmin')}/rights`, {
      role: 'leader',
      entryScope: [],
      viewScope: ['city'],
      workTeamId: null,
      version: 1,
    });
    expect(self.statusCode).toBe(403);
    expect(
      (await admin.put(`/api/v1/users/${await idOf('admin')}`, { displayName: 'x', disabled: true, version: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it('the system administrator cannot touch the security or audit administrator (only the operator can, with the command line)', async () => {
    for (const username of ['secadmin', 'auditor']) {
      const id = await idOf(username);
      expect(
        (await admin.put(`/api/v1/users/${id}`, { displayName: 'x', disabled: true, version: 1 })).statusCode,
      ).toBe(403);
      expect((await admin.post(`/api/v1/users/${id}/reset-password`)).statusCode).toBe(403);
    }
    expect((await secadmin.get('/api/v1/security/policy')).statusCode).toBe(200);
  });

  it('the system administrator runs accounts but not policy, authorisation or audit', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    expect(
      (await admin.put(`/api/v1/users/${u.id}`, { displayName: '改名', disabled: false, version: 1 })).statusCode,
    ).toBe(200);
    expect((await admin.get('/api/v1/security/policy')).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/users/${u.id}/reset-mfa`)).statusCode).toBe(403);
    expect((await admin.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('the security administrator authorises but does not create, reset passwords, end sessions or read the audit trail', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    expect((await secadmin.get('/api/v1/users')).statusCode).toBe(200);
    expect((await secadmin.post('/api/v1/users', { username: 'sneaky', displayName: 'x' })).statusCode).toBe(403);
    expect((await secadmin.post(`/api/v1/users/${u.id}/reset-password`)).statusCode).toBe(403);
    expect(
      (await secadmin.put(`/api/v1/users/${u.id}`, { displayName: 'x', disabled: true, version: 1 })).statusCode,
    ).toBe(403);
    expect((await secadmin.get('/api/v1/sessions')).statusCode).toBe(403);
    expect((await secadmin.get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('the audit administrator reads the trail and does nothing else', async () => {
    expect((await auditor.get('/api/v1/audit')).statusCode).toBe(200);
    expect((await auditor.get('/api/v1/audit/verify')).statusCode).toBe(200);
    expect((await auditor.get('/api/v1/users')).statusCode).toBe(403);
    expect((await auditor.get('/api/v1/security/policy')).statusCode).toBe(403);
    expect((await auditor.post('/api/v1/users', { username: 'sneaky', displayName: 'x' })).statusCode).toBe(403);
    // No route of any kind changes or removes audit records.
    const auditWrites = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1/audit') && r.method !== 'GET');
    expect(auditWrites).toEqual([]);
  });

  it('the privileged accounts carry no data scope', async () => {
    for (const c of [admin, secadmin, auditor]) {
      const res = await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11');
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('OUT_OF_SCOPE');
    }
  });

  it('records every duty exercised, with old and new values, and every refusal', async () => {
    const before = await auditHead(t);
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    await secadmin.put(`/api/v1/users/${u.id}/rights`, {
      role: 'reviewer',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      workTeamId: null,
      version: 1,
    });
    await admin.put(`/api/v1/users/${u.id}/rights`, {
      role: 'coordinator',
      entryScope: ['city'],
      viewScope: ['city'],
      workTeamId: null,
      version: 2,
    });
    const records = await auditSince(t, before);
    const change = records.find((r) => r.action === 'user.assignRights');
    expect(change).toMatchObject({
      username: 'secadmin',
      objectType: 'user',
      objectId: u.id,
      outcome: 'success',
      detail: {
        changes: {
          role: { old: 'leader', new: 'reviewer' },
          entryScope: { old: [], new: ['xiqu'] },
          viewScope: { old: ['city'], new: ['xiqu'] },
        },
      },
    });
    const refused = records.find((r) => r.action === 'api.write' && r.username === 'admin');
    expect(refused).toMatchObject({
      outcome: 'denied',
      objectId: 'PUT /api/v1/users/:id/rights',
      detail: { status: 403, code: 'FORBIDDEN' },
    });
    // The user is untouched by the refused request.
    const row = await t.ctx.db.kysely
      .selectFrom('users')
      .select(['role', 'version'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'reviewer', version: 2 });
  });
});
