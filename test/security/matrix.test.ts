/**
 * THE AUTHORISATION MATRIX (GB/T 22239-2019 §8.1.4.2): every /api route × every role (and no session) × a target
 * inside and outside the caller's scope, against the expected status written down below.
 *
 * - A route registered without an entry here fails the test ("no entry in the matrix"), and so does an entry whose
 *   route is gone, or whose declared access (`config.access`) differs from the one written here: adding or widening
 *   a route means writing down who may call it.
 * - `expect` names the roles that get past the route's gate, with the status each gets; every role not named must be
 *   refused with 403. A pair is [inside scope, outside scope].
 * - "Scope" is the caller's org units for data (each business role here sees 西区 xiqu; 东区 dongqu is outside;
 *   the department reporter enters for 人社局, which leads D5-06),
 *   the work team for work-team members, and, for the account routes, the kind of account acted on (a business
 *   account inside, a privileged one outside: see src/server/security/duties.ts).
 * - Requests that pass the gate are made so that they stop short of changing much (a stale version, an unknown
 *   id, a state that forbids the act); a few succeed, once.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/types.ts';
import type { RouteAccess } from '../../src/server/http/route-access.ts';
import { defaultPasswordPolicy } from '../../src/server/security/password-policy.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { clientOf, login, makeUser } from './helpers.ts';

type Scope = 'inside' | 'outside';
type Who = Role | 'anonymous';
type Expected = number | readonly [number, number];

interface Req {
  url: string;
  body?: unknown;
  multipart?: { fileName: string; data: Buffer };
}

interface Case {
  access: RouteAccess;
  /** The request; for scoped routes `scope` picks the target. */
  request: (f: Fixture, scope: Scope, who: Who) => Req;
  /** Status by role for the roles that pass the gate; the others must get 403. */
  expect: Partial<Record<Role, Expected>>;
  /** Answer without a session (401 unless said). */
  anonymous?: number;
  /** The request ends the caller's session(s): make it with a throwaway account of the role. */
  fresh?: true;
}

interface Fixture {
  valueIn: string;
  valueOut: string;
  indicator: string;
  roundId: string;
  itemIn: string;
  itemOut: string;
  milestoneIn: string;
  milestoneOut: string;
  noticeIn: string;
  noticeOut: string;
  adjustmentIn: string;
  adjustmentOut: string;
  attachmentIn: string;
  attachmentOut: string;
  problemIn: string;
  problemOut: string;
  business: Record<'edit' | 'rights' | 'reset' | 'mfa', string>;
  privilegedId: string;
  sessionId: string;
  thresholds: unknown;
  rules: unknown;
  indicatorEdit: unknown;
  household: string;
  /** Ledger projects of 西区 (inside) and 东区 (outside), each with a frozen 2024 plan and an approved 2024-10 return. */
  projectIn: string;
  projectOut: string;
  planIn: string;
  planOut: string;
  returnIn: string;
  returnOut: string;
}

const PRIVILEGED: readonly Role[] = ['admin', 'securityAdmin', 'auditAdmin'];
/** The household roles (issue 8): business roles that always use a second factor. */
const HOUSEHOLD: readonly Role[] = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'];
const HOUSEHOLD_WRITERS: readonly Role[] = ['villageCadre', 'townshipOfficer'];
const BUSINESS: readonly Role[] = [
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
  ...HOUSEHOLD,
];
const REPORTERS: readonly Role[] = ['departmentReporter', 'districtReporter'];
/** The ledger's readers and editors (src/shared/api/projects.ts). */
const PROJECT_READERS: readonly Role[] = [
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
];
const PROJECT_EDITORS: readonly Role[] = ['coordinator', 'districtReporter'];
/** Who may see a return's evidence: the district's reporters and reviewers, the centre, the leaders. */
const PROJECT_EVIDENCE_READERS: readonly Role[] = ['districtReporter', 'reviewer', 'coordinator', 'leader'];

/** The same status for every role of `roles`. */
/** Two ledger projects (西区, 东区) under construction, each with a frozen 2024 plan and an approved 2024-10 return. */
async function ledgerFixture(t: TestApp) {
  const actor = (role: Role, scope: string[]) => ({
    userId: `matrix-${role}`,
    username: `matrix-${role}`,
    displayName: 'matrix',
    role,
    entryScope: scope,
    viewScope: scope,
    workTeamId: null,
    sessionId: 'matrix',
    ip: '127.0.0.1',
  });
  const p = t.ctx.projects;
  const one = async (district: string, serial: string) => {
    const reporter = actor('districtReporter', [district]);
    const { id } = await p.create(reporter, {
      code: `2024-510400-32-03-${serial}`,
      name: `矩阵测试项目${serial}`,
      owner: '测试公司',
      level: 'city',
      chain: 'vanadiumTitanium',
      districtId: district,
      totalInvestment: 10_000,
      funding: [],
      stage: 'underConstruction',
      plannedStart: '2024-03-01',
      plannedCompletion: '2025-12-31',
      plannedProduction: null,
      actualStart: '2024-03-01',
      actualCompletion: null,
      actualProduction: null,
      statisticsStatus: 'entered',
      content: '',
      listItemId: null,
    });
    const plan = await p.savePlan(reporter, id, 2024, {
      version: null,
      planned: 5_000,
      profile: null,
      startMonth: null,
      completionMonth: null,
      note: '',
    });
    await p.submitPlans(reporter, [plan.id]);
    await p.reviewPlans(actor('coordinator', ['city']), { ids: [plan.id], decision: 'freeze', comment: '' });
    const ret = await p.saveReturn(reporter, id, '2024-10', {
      version: null,
      thisMonth: 400,
      ytd: 3_600,
      sinceStart: 3_600,
      progressText: '主体施工',
      progressPercent: 40,
      workers: 80,
      problems: [],
    });
    await p.submitReturns(reporter, [ret.id]);
    await p.reviewReturns(actor('reviewer', ['city']), { ids: [ret.id], decision: 'approve', comment: '' });
    return { id, plan: plan.id, ret: ret.id };
  };
  const inside = await one('xiqu', '990001');
  const outside = await one('dongqu', '990002');
  return {
    projectIn: inside.id,
    projectOut: outside.id,
    planIn: inside.plan,
    planOut: outside.plan,
    returnIn: inside.ret,
    returnOut: outside.ret,
  };
}

function each(roles: readonly Role[], status: Expected): Partial<Record<Role, Expected>> {
  return Object.fromEntries(roles.map((r) => [r, status]));
}
const ALL = (status: Expected) => each(ROLES, status);

/** A read that aggregates (Access.aggregateScope): every business role, the privileged administrators none. */
const AGGREGATE = each(BUSINESS, 200);

/** Who reads values in the exchange formats: the reporting round's roles (src/server/modules/exchange). */
const EXCHANGE_READERS: readonly Role[] = [
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
];

const pick = (scope: Scope, inside: string, outside: string) => (scope === 'inside' ? inside : outside);
const stale = { version: 999 };

const MATRIX: Record<string, Case> = {
  // ——— public ———
  'GET /api/v1/health': {
    access: 'public',
    request: () => ({ url: '/api/v1/health' }),
    expect: ALL(200),
    anonymous: 200,
  },
  // The operator's probes (outside /api: no session, no audit record).
  'GET /healthz': {
    access: 'public',
    request: () => ({ url: '/healthz' }),
    expect: ALL(200),
    anonymous: 200,
  },
  'GET /readyz': {
    access: 'public',
    request: () => ({ url: '/readyz' }),
    expect: ALL(200),
    anonymous: 200,
  },
  'GET /api/v1/openapi.json': {
    access: 'public',
    request: () => ({ url: '/api/v1/openapi.json' }),
    expect: ALL(200),
    anonymous: 200,
  },
  'POST /api/v1/auth/login': {
    access: 'public',
    // A different unknown name for each caller: five failures on one name would lock it.
    request: (_f, _s, who) => ({
      url: '/api/v1/auth/login',
      body: { username: `nobody-${who}`, password: 'Wrong-pass1' },
    }),
    expect: ALL(401),
    anonymous: 401,
  },

  // ——— the account's own routes ———
  'POST /api/v1/auth/logout': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/logout' }),
    expect: ALL(200),
    fresh: true,
  },
  'POST /api/v1/auth/logout-everywhere': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/logout-everywhere' }),
    expect: ALL(200),
    fresh: true,
  },
  'GET /api/v1/auth/me': { access: 'authenticated', request: () => ({ url: '/api/v1/auth/me' }), expect: ALL(200) },
  'GET /api/v1/auth/password-rules': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/password-rules' }),
    expect: ALL(200),
  },
  'POST /api/v1/auth/password': {
    access: 'authenticated',
    request: () => ({
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'Pzh#2024ok' },
    }),
    expect: ALL(400),
  },
  'POST /api/v1/auth/mfa/start': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/mfa/start', body: { password: TEST_PASSWORD } }),
    // The administrators already have a second factor: it is not restarted over.
    expect: { ...each(BUSINESS, 200), ...each([...PRIVILEGED, ...HOUSEHOLD], 409) },
  },
  'POST /api/v1/auth/mfa/confirm': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/mfa/confirm', body: { otp: '000000', password: TEST_PASSWORD } }),
    expect: { ...each(BUSINESS, 400), ...each([...PRIVILEGED, ...HOUSEHOLD], 409) },
  },
  'POST /api/v1/auth/mfa/disable': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/auth/mfa/disable', body: { password: TEST_PASSWORD, otp: '000000' } }),
    // Whoever must use a second factor cannot switch it off.
    expect: { ...each(BUSINESS, 409), ...each([...PRIVILEGED, ...HOUSEHOLD], 403) },
  },

  // ——— security policy and audit: one duty each ———
  'GET /api/v1/security/policy': {
    access: ['securityAdmin'],
    request: () => ({ url: '/api/v1/security/policy' }),
    expect: { securityAdmin: 200 },
  },
  'PUT /api/v1/security/policy': {
    access: ['securityAdmin'],
    request: () => ({ url: '/api/v1/security/policy', body: defaultPasswordPolicy() }),
    expect: { securityAdmin: 200 },
  },
  'GET /api/v1/security/alerts': {
    access: ['securityAdmin', 'auditAdmin'],
    request: () => ({ url: '/api/v1/security/alerts?all=true' }),
    expect: { securityAdmin: 200, auditAdmin: 200 },
  },
  'POST /api/v1/security/alerts/:id/acknowledge': {
    access: ['securityAdmin'],
    // An unknown alert: past the gate, nothing acknowledged.
    request: () => ({ url: '/api/v1/security/alerts/no-such-alert/acknowledge', body: { note: 'checked' } }),
    expect: { securityAdmin: 404 },
  },
  'GET /api/v1/audit': {
    access: ['auditAdmin'],
    request: () => ({ url: '/api/v1/audit?limit=5' }),
    expect: { auditAdmin: 200 },
  },
  'GET /api/v1/audit/export.csv': {
    access: ['auditAdmin'],
    request: () => ({ url: '/api/v1/audit/export.csv?actionPrefix=auth.' }),
    expect: { auditAdmin: 200 },
  },
  'GET /api/v1/audit/export.xlsx': {
    access: ['auditAdmin'],
    request: () => ({ url: '/api/v1/audit/export.xlsx?action=auth.signIn' }),
    expect: { auditAdmin: 200 },
  },
  'GET /api/v1/audit/verify': {
    access: ['auditAdmin'],
    request: () => ({ url: '/api/v1/audit/verify' }),
    expect: { auditAdmin: 200 },
  },

  // ——— accounts (inside: a business account; outside: a privileged one) ———
  'GET /api/v1/users': {
    access: ['admin', 'securityAdmin'],
    request: () => ({ url: '/api/v1/users' }),
    expect: { admin: 200, securityAdmin: 200 },
  },
  'POST /api/v1/users': {
    access: ['admin'],
    request: () => ({ url: '/api/v1/users', body: { username: 'leader', displayName: '重名' } }),
    expect: { admin: 409 },
  },
  'PUT /api/v1/users/:id': {
    access: ['admin'],
    request: (f, s) => ({
      url: `/api/v1/users/${pick(s, f.business.edit, f.privilegedId)}`,
      body: { displayName: '改名', disabled: false, version: 1 },
    }),
    expect: { admin: [200, 403] },
  },
  'PUT /api/v1/users/:id/rights': {
    access: ['securityAdmin'],
    request: (f, s) => ({
      url: `/api/v1/users/${pick(s, f.business.rights, f.privilegedId)}/rights`,
      body: { role: 'leader', entryScope: [], viewScope: ['xiqu'], workTeamId: null, version: 1 },
    }),
    expect: { securityAdmin: [200, 403] },
  },
  'POST /api/v1/users/:id/reset-password': {
    access: ['admin'],
    request: (f, s) => ({ url: `/api/v1/users/${pick(s, f.business.reset, f.privilegedId)}/reset-password` }),
    expect: { admin: [200, 403] },
  },
  'POST /api/v1/users/:id/reset-mfa': {
    access: ['securityAdmin'],
    request: (f, s) => ({ url: `/api/v1/users/${pick(s, f.business.mfa, f.privilegedId)}/reset-mfa` }),
    expect: { securityAdmin: [200, 403] },
  },
  'GET /api/v1/sessions': { access: ['admin'], request: () => ({ url: '/api/v1/sessions' }), expect: { admin: 200 } },
  'DELETE /api/v1/sessions/:id': {
    access: ['admin'],
    request: (f) => ({ url: `/api/v1/sessions/${f.sessionId}` }),
    expect: { admin: 200 },
  },

  // ——— exchange (issue 12): service accounts and tokens under the separation of duties ———
  'GET /api/v1/exchange/service-accounts': {
    access: ['admin', 'securityAdmin', 'coordinator'],
    request: () => ({ url: '/api/v1/exchange/service-accounts' }),
    expect: { admin: 200, securityAdmin: 200, coordinator: 200 },
  },
  'POST /api/v1/exchange/service-accounts': {
    access: ['admin'],
    request: () => ({
      url: '/api/v1/exchange/service-accounts',
      body: { username: 'leader', displayName: '重名', systemName: '省平台' },
    }),
    expect: { admin: 409 },
  },
  'POST /api/v1/exchange/service-accounts/:id/tokens': {
    access: ['admin'],
    request: () => ({
      url: '/api/v1/exchange/service-accounts/no-such-account/tokens',
      body: { name: '令牌', expiresInDays: 30 },
    }),
    expect: { admin: 404 },
  },
  'POST /api/v1/exchange/tokens/:id/revoke': {
    access: ['admin', 'securityAdmin'],
    request: () => ({ url: '/api/v1/exchange/tokens/no-such-token/revoke' }),
    expect: { admin: 404, securityAdmin: 404 },
  },
  'GET /api/v1/exchange/whoami': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/exchange/whoami' }),
    expect: ALL(200),
  },
  'GET /api/v1/exchange/mappings': {
    access: ['coordinator', 'districtReporter', 'departmentReporter'],
    request: () => ({ url: '/api/v1/exchange/mappings' }),
    expect: { coordinator: 200, districtReporter: 200, departmentReporter: 200 },
  },
  'POST /api/v1/exchange/mappings': {
    access: ['coordinator'],
    request: () => ({
      url: '/api/v1/exchange/mappings',
      body: { scheme: 'dhis2', kind: 'dataElement', externalId: 'abc', internalCode: 'NO-SUCH' },
    }),
    expect: { coordinator: 400 },
  },
  'DELETE /api/v1/exchange/mappings/:id': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/exchange/mappings/no-such-mapping' }),
    expect: { coordinator: 404 },
  },
  'GET /api/v1/exchange/receivers': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/exchange/receivers' }),
    expect: { coordinator: 200 },
  },
  'POST /api/v1/exchange/receivers': {
    access: ['coordinator'],
    request: () => ({
      url: '/api/v1/exchange/receivers',
      body: { name: 'x', url: 'file:///etc/passwd', events: ['period.published'] },
    }),
    expect: { coordinator: 400 },
  },
  'PUT /api/v1/exchange/receivers/:id/active': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/exchange/receivers/no-such/active', body: { active: false, version: 1 } }),
    expect: { coordinator: 404 },
  },
  'POST /api/v1/exchange/receivers/:id/ping': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/exchange/receivers/no-such/ping' }),
    expect: { coordinator: 404 },
  },
  'GET /api/v1/exchange/deliveries': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/exchange/deliveries' }),
    expect: { coordinator: 200 },
  },
  'POST /api/v1/exchange/dhis2/dataValueSets': {
    access: ['districtReporter', 'departmentReporter'],
    request: () => ({ url: '/api/v1/exchange/dhis2/dataValueSets?dryRun=true', body: { dataValues: [] } }),
    expect: { districtReporter: 200, departmentReporter: 200 },
  },
  'POST /api/v1/exchange/adx': {
    access: ['districtReporter', 'departmentReporter'],
    // Not ADX at all: answered with a summary of one conflict (the file), nothing stored.
    request: () => ({ url: '/api/v1/exchange/adx?dryRun=true', body: { dataValues: [] } }),
    expect: { districtReporter: 200, departmentReporter: 200 },
  },
  'GET /api/v1/exchange/dhis2/dataValueSets.json': {
    access: EXCHANGE_READERS,
    request: (_f, s) => ({ url: `/api/v1/exchange/dhis2/dataValueSets.json?orgUnit=${pick(s, '510403', '510402')}` }),
    expect: each(EXCHANGE_READERS, [200, 403]),
  },
  'GET /api/v1/exchange/dhis2/dataValueSets.csv': {
    access: EXCHANGE_READERS,
    request: (_f, s) => ({ url: `/api/v1/exchange/dhis2/dataValueSets.csv?orgUnit=${pick(s, '510403', '510402')}` }),
    expect: each(EXCHANGE_READERS, [200, 403]),
  },
  'GET /api/v1/exchange/adx.xml': {
    access: EXCHANGE_READERS,
    request: (_f, s) => ({ url: `/api/v1/exchange/adx.xml?orgUnit=${pick(s, '510403', '510402')}` }),
    expect: each(EXCHANGE_READERS, [200, 403]),
  },
  'GET /api/v1/exchange/sdmx/data.csv': {
    access: EXCHANGE_READERS,
    request: (_f, s) => ({ url: `/api/v1/exchange/sdmx/data.csv?orgUnit=${pick(s, '510403', '510402')}` }),
    expect: each(EXCHANGE_READERS, [200, 403]),
  },

  // ——— org and framework: read by everyone, edited by the coordination centre ———
  'GET /api/v1/org-units': { access: 'authenticated', request: () => ({ url: '/api/v1/org-units' }), expect: ALL(200) },
  'GET /api/v1/work-teams': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/work-teams' }),
    expect: ALL(200),
  },
  'GET /api/v1/frameworks': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/frameworks' }),
    expect: ALL(200),
  },
  'GET /api/v1/frameworks/:id': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/frameworks/current' }),
    expect: ALL(200),
  },
  'POST /api/v1/frameworks/:id/publish': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/frameworks/fw-2024-v1/publish', body: { rowVersion: 1 } }),
    expect: { coordinator: 409 },
  },
  'POST /api/v1/frameworks/:id/versions': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/frameworks/fw-2024-v1/versions' }),
    expect: { coordinator: 200 },
  },
  'PUT /api/v1/frameworks/:id/indicators': {
    access: ['coordinator'],
    request: (f) => ({
      url: '/api/v1/frameworks/fw-2024-v1/indicators',
      body: { rowVersion: 1, indicator: f.indicatorEdit },
    }),
    expect: { coordinator: 409 },
  },
  'PUT /api/v1/frameworks/:id/targets': {
    access: ['coordinator'],
    request: (f) => ({
      url: '/api/v1/frameworks/fw-2024-v1/targets',
      body: {
        rowVersion: 1,
        target: {
          indicatorCode: f.indicator,
          orgUnitId: 'xiqu',
          year: 2024,
          kind: 'annual',
          comparison: 'atLeast',
          floor: 1,
          stretch: 2,
          upper: null,
        },
      },
    }),
    expect: { coordinator: 409 },
  },
  'POST /api/v1/frameworks/:id/formula-check': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/frameworks/current/formula-check', body: { formula: '{D5-02} / {D4-02}' } }),
    expect: ALL(200),
  },

  // ——— values: scoped by org unit ———
  'GET /api/v1/values/grid': {
    access: 'authenticated',
    request: (_f, s) => ({ url: `/api/v1/values/grid?orgUnitId=${pick(s, 'xiqu', 'dongqu')}&period=2024-11` }),
    expect: { ...each(BUSINESS, [200, 403]), ...each(PRIVILEGED, [403, 403]) },
  },
  'PUT /api/v1/values/grid': {
    access: ['districtReporter', 'departmentReporter'],
    // An indicator the unit does not report: refused after the scope check, nothing saved.
    request: (_f, s) => ({
      url: '/api/v1/values/grid',
      body: {
        orgUnitId: pick(s, 'xiqu', 'dongqu'),
        period: '2024-11',
        entries: [{ indicatorCode: 'NOPE', value: 1, version: null, note: null }],
      },
    }),
    expect: each(REPORTERS, [400, 403]),
  },
  'POST /api/v1/values/submit': {
    access: ['districtReporter', 'departmentReporter'],
    request: (_f, s) => ({
      url: '/api/v1/values/submit',
      body: { orgUnitId: pick(s, 'xiqu', 'dongqu'), period: '2024-11' },
    }),
    expect: each(REPORTERS, [409, 403]),
  },
  'GET /api/v1/values/review-queue': {
    access: ['reviewer'],
    request: () => ({ url: '/api/v1/values/review-queue' }),
    expect: { reviewer: 200 },
  },
  'POST /api/v1/values/review': {
    access: ['reviewer'],
    request: (f, s) => ({
      url: '/api/v1/values/review',
      body: { items: [{ id: pick(s, f.valueIn, f.valueOut), version: 1 }], action: 'approve' },
    }),
    expect: { reviewer: [409, 403] },
  },
  'GET /api/v1/values/publish-preview': {
    access: ['coordinator'],
    request: (_f, s) => ({
      url: `/api/v1/values/publish-preview?period=2024-10&orgUnitId=${pick(s, 'xiqu', 'dongqu')}`,
    }),
    expect: { coordinator: [200, 403] },
  },
  'POST /api/v1/values/publish': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/values/publish', body: { period: '2023-01' } }),
    expect: { coordinator: 200 },
  },
  'POST /api/v1/values/reopen': {
    access: ['coordinator'],
    request: (f) => ({ url: '/api/v1/values/reopen', body: { id: f.valueIn, version: 1, reason: '复核' } }),
    expect: { coordinator: 409 },
  },
  'GET /api/v1/values/:id/history': {
    access: 'authenticated',
    request: (f, s) => ({ url: `/api/v1/values/${pick(s, f.valueIn, f.valueOut)}/history` }),
    expect: { ...each(BUSINESS, [200, 403]), ...each(PRIVILEGED, [403, 403]) },
  },
  'GET /api/v1/values/series': {
    access: 'authenticated',
    request: (f, s) => ({
      url: `/api/v1/values/series?indicatorCode=${f.indicator}&orgUnitId=${pick(s, 'xiqu', 'dongqu')}`,
    }),
    expect: { ...each(BUSINESS, [200, 403]), ...each(PRIVILEGED, [403, 403]) },
  },
  'GET /api/v1/periods/locks': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/periods/locks' }),
    expect: ALL(200),
  },
  'POST /api/v1/periods/lock': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/periods/lock', body: { period: '2023-06', reason: '矩阵测试' } }),
    expect: { coordinator: 200 },
  },
  'POST /api/v1/periods/unlock': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/periods/unlock', body: { period: '2023-07', reason: '矩阵测试' } }),
    expect: { coordinator: 409 },
  },
  'GET /api/v1/values/template.xlsx': {
    access: ['districtReporter', 'departmentReporter', 'coordinator'],
    request: (_f, s) => ({ url: `/api/v1/values/template.xlsx?orgUnitId=${pick(s, 'xiqu', 'dongqu')}&period=2024-11` }),
    expect: { districtReporter: [200, 403], departmentReporter: [200, 403], coordinator: [200, 403] },
  },
  'POST /api/v1/values/import': {
    access: ['districtReporter', 'departmentReporter', 'coordinator'],
    request: () => ({ url: '/api/v1/values/import', body: {} }),
    expect: { districtReporter: 400, departmentReporter: 400, coordinator: 400 },
  },

  // ——— rounds, evaluation, cockpit, bulletin ———
  'GET /api/v1/rounds': { access: 'authenticated', request: () => ({ url: '/api/v1/rounds' }), expect: ALL(200) },
  'GET /api/v1/rounds/todos': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/rounds/todos' }),
    expect: ALL(200),
  },
  // ——— monitoring cases (issue 8): the household roles act, the centre supervises, figures for every business role ———
  'GET /api/v1/household-cases': {
    access: [...HOUSEHOLD, 'coordinator'],
    request: () => ({ url: '/api/v1/household-cases' }),
    expect: each([...HOUSEHOLD, 'coordinator'], 200),
  },
  'GET /api/v1/household-cases/list': {
    access: [...HOUSEHOLD, 'coordinator'],
    request: () => ({ url: '/api/v1/household-cases/list' }),
    expect: each([...HOUSEHOLD, 'coordinator'], 200),
  },
  'GET /api/v1/households/:id/cases': {
    access: [...HOUSEHOLD, 'coordinator'],
    request: () => ({ url: '/api/v1/households/none/cases' }),
    expect: each([...HOUSEHOLD, 'coordinator'], 404),
  },
  'GET /api/v1/household-cases/:id': {
    access: [...HOUSEHOLD, 'coordinator'],
    request: () => ({ url: '/api/v1/household-cases/none?reason=%E6%A0%B8%E6%9F%A5' }),
    expect: each([...HOUSEHOLD, 'coordinator'], 404),
  },
  'POST /api/v1/household-cases': {
    access: HOUSEHOLD,
    // No reason: refused by the schema, nothing stored.
    request: () => ({
      url: '/api/v1/household-cases',
      body: { householdId: 'h', villageId: 'xiqu-geliping-xinzhuang', kind: 'below10k', source: 'visit', reason: '' },
    }),
    expect: each(HOUSEHOLD, 400),
  },
  'POST /api/v1/household-cases/:id/act': {
    access: HOUSEHOLD,
    request: () => ({ url: '/api/v1/household-cases/none/act', body: { action: 'compareData', version: 1 } }),
    expect: each(HOUSEHOLD, 404),
  },
  'POST /api/v1/household-cases/data-match': {
    access: ['townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'],
    request: () => ({ url: '/api/v1/household-cases/data-match', body: { department: '', rows: [] } }),
    expect: each(['townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'], 400),
  },
  'GET /api/v1/household-cases/clearing': {
    access: BUSINESS,
    request: () => ({ url: '/api/v1/household-cases/clearing?level=district' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/household-cases/clearing/trend': {
    access: BUSINESS,
    request: () => ({ url: '/api/v1/household-cases/clearing/trend' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/household-cases/public-notice': {
    access: HOUSEHOLD_WRITERS,
    request: () => ({ url: '/api/v1/household-cases/public-notice?village=xiqu-geliping-xinzhuang&format=pdf' }),
    expect: each(HOUSEHOLD_WRITERS, 400),
  },
  'GET /api/v1/household-cases/rules': {
    access: [...HOUSEHOLD, 'coordinator'],
    request: () => ({ url: '/api/v1/household-cases/rules' }),
    expect: each([...HOUSEHOLD, 'coordinator'], 200),
  },
  'PUT /api/v1/household-cases/rules': {
    access: ['civilAffairsOfficer'],
    // No reason: refused by the schema, the rules unchanged.
    request: () => ({ url: '/api/v1/household-cases/rules', body: { version: 0, reason: '', rules: {} } }),
    expect: each(['civilAffairsOfficer'], 400),
  },
  'POST /api/v1/household-cases/warnings/run': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/household-cases/warnings/run' }),
    expect: each(['coordinator'], 200),
  },
  // ——— the major-project ledger (issue 9): readers by view scope; district reporters and the centre edit; only
  // district reporters file returns, only reviewers approve them; plans are frozen by reviewers or the centre ———
  'GET /api/v1/projects': {
    access: PROJECT_READERS,
    request: () => ({ url: '/api/v1/projects' }),
    expect: each(PROJECT_READERS, 200),
  },
  'GET /api/v1/projects/template.xlsx': {
    access: PROJECT_EDITORS,
    request: () => ({ url: '/api/v1/projects/template.xlsx' }),
    expect: each(PROJECT_EDITORS, 200),
  },
  'POST /api/v1/projects/import': {
    access: PROJECT_EDITORS,
    // Not multipart: refused before anything is read or stored.
    request: () => ({ url: '/api/v1/projects/import', body: {} }),
    expect: each(PROJECT_EDITORS, 400),
  },
  'GET /api/v1/projects/returns/template.xlsx': {
    access: ['districtReporter'],
    request: (_f, s) => ({
      url: `/api/v1/projects/returns/template.xlsx?districtId=${pick(s, 'xiqu', 'dongqu')}&month=2024-10`,
    }),
    expect: { districtReporter: [200, 403] },
  },
  'POST /api/v1/projects/returns/import': {
    access: ['districtReporter'],
    request: () => ({ url: '/api/v1/projects/returns/import', body: {} }),
    expect: { districtReporter: 400 },
  },
  'GET /api/v1/projects/returns/:id/evidence': {
    access: PROJECT_EVIDENCE_READERS,
    request: () => ({ url: '/api/v1/projects/returns/none/evidence' }),
    expect: each(PROJECT_EVIDENCE_READERS, 404),
  },
  'POST /api/v1/projects/returns/:id/evidence': {
    access: ['districtReporter'],
    // Not multipart: refused before anything is read or stored.
    request: () => ({ url: '/api/v1/projects/returns/none/evidence', body: {} }),
    expect: { districtReporter: 400 },
  },
  'GET /api/v1/projects/evidence/:id': {
    access: PROJECT_EVIDENCE_READERS,
    request: () => ({ url: '/api/v1/projects/evidence/none' }),
    expect: each(PROJECT_EVIDENCE_READERS, 404),
  },
  'GET /api/v1/projects/export': {
    access: PROJECT_READERS,
    request: () => ({ url: '/api/v1/projects/export?stage=underConstruction' }),
    expect: each(PROJECT_READERS, 200),
  },
  'GET /api/v1/projects/settings': {
    access: PROJECT_READERS,
    request: () => ({ url: '/api/v1/projects/settings' }),
    expect: each(PROJECT_READERS, 200),
  },
  'GET /api/v1/projects/aggregates': {
    access: PROJECT_READERS,
    request: () => ({ url: '/api/v1/projects/aggregates' }),
    expect: each(PROJECT_READERS, 200),
  },
  'GET /api/v1/projects/returns': {
    access: PROJECT_READERS,
    request: () => ({ url: '/api/v1/projects/returns?status=approved' }),
    expect: each(PROJECT_READERS, 200),
  },
  'GET /api/v1/projects/:id': {
    access: PROJECT_READERS,
    request: (f, s) => ({ url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}` }),
    expect: each(PROJECT_READERS, [200, 403]),
  },
  'POST /api/v1/projects': {
    access: PROJECT_EDITORS,
    // A malformed code: refused (400) inside; a district outside the caller's scope is refused first (403).
    request: (_f, s) => ({
      url: '/api/v1/projects',
      body: {
        code: 'bad',
        name: '矩阵测试项目',
        owner: '测试公司',
        level: 'city',
        chain: 'vanadiumTitanium',
        districtId: pick(s, 'xiqu', 'dongqu'),
        totalInvestment: 1000,
      },
    }),
    expect: each(PROJECT_EDITORS, [400, 403]),
  },
  'PUT /api/v1/projects/:id': {
    access: PROJECT_EDITORS,
    request: (f, s) => ({ url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}`, body: stale }),
    expect: each(PROJECT_EDITORS, [409, 403]),
  },
  'POST /api/v1/projects/:id/stage': {
    access: PROJECT_EDITORS,
    request: (f, s) => ({
      url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}/stage`,
      body: { version: 999, to: 'completed', on: '2024-11-01' },
    }),
    expect: each(PROJECT_EDITORS, [409, 403]),
  },
  'POST /api/v1/projects/:id/adjustments': {
    access: PROJECT_EDITORS,
    // Forward is no adjustment: refused inside; outside, the scope first.
    request: (f, s) => ({
      url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}/adjustments`,
      body: { to: 'inProduction', reason: '矩阵测试' },
    }),
    expect: each(PROJECT_EDITORS, [400, 403]),
  },
  'POST /api/v1/projects/adjustments/:id/decision': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/projects/adjustments/none/decision', body: { approve: true } }),
    expect: each(['coordinator'], 404),
  },
  'PUT /api/v1/projects/:id/plans/:year': {
    access: PROJECT_EDITORS,
    request: (f, s) => ({
      url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}/plans/2024`,
      body: { version: 999, planned: 100 },
    }),
    expect: each(PROJECT_EDITORS, [409, 403]),
  },
  'POST /api/v1/projects/plans/submit': {
    access: PROJECT_EDITORS,
    request: (f, s) => ({ url: '/api/v1/projects/plans/submit', body: { ids: [pick(s, f.planIn, f.planOut)] } }),
    expect: each(PROJECT_EDITORS, [409, 403]),
  },
  'POST /api/v1/projects/plans/review': {
    access: ['reviewer', 'coordinator'],
    request: (f, s) => ({
      url: '/api/v1/projects/plans/review',
      body: { ids: [pick(s, f.planIn, f.planOut)], decision: 'freeze' },
    }),
    expect: each(['reviewer', 'coordinator'], [409, 403]),
  },
  'POST /api/v1/projects/plans/:id/reopen': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/projects/plans/none/reopen', body: { reason: '矩阵测试' } }),
    expect: each(['coordinator'], 404),
  },
  'PUT /api/v1/projects/:id/returns/:month': {
    access: ['districtReporter'],
    request: (f, s) => ({
      url: `/api/v1/projects/${pick(s, f.projectIn, f.projectOut)}/returns/2024-10`,
      body: { version: 999, thisMonth: 1, ytd: 1, sinceStart: 1, progressText: '施工', progressPercent: 1, workers: 1 },
    }),
    expect: { districtReporter: [409, 403] },
  },
  'POST /api/v1/projects/returns/submit': {
    access: ['districtReporter'],
    request: (f, s) => ({ url: '/api/v1/projects/returns/submit', body: { ids: [pick(s, f.returnIn, f.returnOut)] } }),
    expect: { districtReporter: [409, 403] },
  },
  'POST /api/v1/projects/returns/review': {
    access: ['reviewer'],
    request: (f, s) => ({
      url: '/api/v1/projects/returns/review',
      body: { ids: [pick(s, f.returnIn, f.returnOut)], decision: 'approve' },
    }),
    expect: { reviewer: [409, 403] },
  },
  // ——— the income survey import and the exports (issue 8) ———
  'GET /api/v1/households/import-template.xlsx': {
    access: HOUSEHOLD_WRITERS,
    request: () => ({ url: '/api/v1/households/import-template.xlsx' }),
    expect: each(HOUSEHOLD_WRITERS, 200),
  },
  'POST /api/v1/households/imports': {
    access: HOUSEHOLD_WRITERS,
    // Not multipart: refused before anything is read or stored.
    request: () => ({ url: '/api/v1/households/imports', body: {} }),
    expect: each(HOUSEHOLD_WRITERS, 400),
  },
  'GET /api/v1/households/imports': {
    access: HOUSEHOLD_WRITERS,
    request: () => ({ url: '/api/v1/households/imports' }),
    expect: each(HOUSEHOLD_WRITERS, 200),
  },
  'GET /api/v1/households/imports/:id': {
    access: HOUSEHOLD_WRITERS,
    request: () => ({ url: '/api/v1/households/imports/none' }),
    expect: each(HOUSEHOLD_WRITERS, 404),
  },
  'POST /api/v1/households/imports/:id/cancel': {
    access: HOUSEHOLD_WRITERS,
    request: () => ({ url: '/api/v1/households/imports/none/cancel' }),
    expect: each(HOUSEHOLD_WRITERS, 404),
  },
  'GET /api/v1/households/export.xlsx': {
    access: HOUSEHOLD,
    // No reason: a named list is never exported without one.
    request: () => ({ url: '/api/v1/households/export.xlsx' }),
    expect: each(HOUSEHOLD, 400),
  },
  'GET /api/v1/household-statistics/export.xlsx': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/household-statistics/export.xlsx' }),
    expect: AGGREGATE,
  },
  // ——— the household registry (issue 8): named data for the household roles only ———
  'GET /api/v1/households': {
    access: HOUSEHOLD,
    request: () => ({ url: '/api/v1/households?page=1' }),
    expect: each(HOUSEHOLD, 200),
  },
  'GET /api/v1/households/:id': {
    access: HOUSEHOLD,
    request: (f) => ({ url: `/api/v1/households/${f.household}` }),
    expect: each(HOUSEHOLD, 200),
  },
  'POST /api/v1/households': {
    access: HOUSEHOLD_WRITERS,
    // No members: refused by the schema, nothing stored.
    request: () => ({ url: '/api/v1/households', body: { villageId: 'xiqu-geliping-xinzhuang', members: [] } }),
    expect: each(HOUSEHOLD_WRITERS, 400),
  },
  'PUT /api/v1/households/:id': {
    access: HOUSEHOLD_WRITERS,
    request: (f) => ({ url: `/api/v1/households/${f.household}`, body: { ...stale, reason: '核查', note: '' } }),
    expect: each(HOUSEHOLD_WRITERS, 409),
  },
  'POST /api/v1/households/:id/members': {
    access: HOUSEHOLD_WRITERS,
    request: (f) => ({ url: `/api/v1/households/${f.household}/members`, body: { ...stale, reason: '核查' } }),
    expect: each(HOUSEHOLD_WRITERS, 400),
  },
  'PUT /api/v1/households/:id/members/:memberId': {
    access: HOUSEHOLD_WRITERS,
    request: (f) => ({
      url: `/api/v1/households/${f.household}/members/none`,
      body: { ...stale, reason: '核查', member: {} },
    }),
    expect: each(HOUSEHOLD_WRITERS, 409),
  },
  'POST /api/v1/households/:id/members/:memberId/remove': {
    access: HOUSEHOLD_WRITERS,
    request: (f) => ({
      url: `/api/v1/households/${f.household}/members/none/remove`,
      body: { ...stale, reason: '迁出' },
    }),
    expect: each(HOUSEHOLD_WRITERS, 409),
  },
  'POST /api/v1/households/:id/incomes': {
    access: HOUSEHOLD_WRITERS,
    request: (f) => ({ url: `/api/v1/households/${f.household}/incomes`, body: { ...stale, reason: '核查' } }),
    expect: each(HOUSEHOLD_WRITERS, 400),
  },
  'POST /api/v1/rounds': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/rounds', body: { period: '2024-11', dueDate: '2024-12-10' } }),
    expect: { coordinator: 409 },
  },
  'GET /api/v1/rounds/:id/status': {
    access: 'authenticated',
    request: (f) => ({ url: `/api/v1/rounds/${f.roundId}/status` }),
    expect: ALL(200),
  },
  'POST /api/v1/rounds/:id/remind': {
    access: ['coordinator'],
    // An empty list of units is refused before anything is sent: the rule is reached, nothing is written.
    request: (f) => ({ url: `/api/v1/rounds/${f.roundId}/remind`, body: { orgUnitIds: [] } }),
    expect: { coordinator: 400 },
  },
  'GET /api/v1/evaluation/weighting': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/weighting?weighting=equal' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/evaluation/end-of-plan': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/end-of-plan' }),
    // The test clock's data holds no published 2025 framework: past the scope check, every business role is told so.
    expect: each(BUSINESS, 404),
  },
  'GET /api/v1/evaluation/end-of-plan.xlsx': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/end-of-plan.xlsx' }),
    // The test clock's data holds no published 2025 framework: past the scope check, every business role is told so.
    expect: each(BUSINESS, 404),
  },
  'GET /api/v1/evaluation/matrix': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/matrix' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/evaluation/ranking': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/ranking' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/evaluation/explain': {
    access: 'authenticated',
    request: (f, s) => ({
      url: `/api/v1/evaluation/explain?indicatorCode=${f.indicator}&orgUnitId=${pick(s, 'xiqu', 'dongqu')}`,
    }),
    expect: { ...each(BUSINESS, [200, 403]), ...each(PRIVILEGED, [403, 403]) },
  },
  'POST /api/v1/evaluation/run': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/evaluation/run', body: {} }),
    expect: { coordinator: 200 },
  },
  'GET /api/v1/evaluation/thresholds': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/thresholds' }),
    expect: ALL(200),
  },
  'PUT /api/v1/evaluation/thresholds': {
    access: ['coordinator'],
    request: (f) => ({ url: '/api/v1/evaluation/thresholds', body: f.thresholds }),
    expect: { coordinator: 200 },
  },
  'GET /api/v1/cockpit': { access: 'authenticated', request: () => ({ url: '/api/v1/cockpit' }), expect: AGGREGATE },
  'GET /api/v1/household-statistics': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/household-statistics' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/evaluation/matrix.xlsx': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/matrix.xlsx' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/evaluation/ranking.xlsx': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/evaluation/ranking.xlsx' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/bulletin.docx': {
    access: ['coordinator', 'leader'],
    request: () => ({ url: '/api/v1/bulletin.docx' }),
    expect: { coordinator: 200, leader: 200 },
  },
  'GET /api/v1/bulletin.xlsx': {
    access: ['coordinator', 'leader'],
    request: () => ({ url: '/api/v1/bulletin.xlsx' }),
    expect: { coordinator: 200, leader: 200 },
  },

  // ——— the four lists (inside: an item led by 西区 with the team of the work-team member; outside: 东区, another team) ———
  'GET /api/v1/lists/items': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/items' }),
    expect: ALL(200),
  },
  'GET /api/v1/lists/counts': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/counts' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/lists/items/export': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/items/export' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/lists/import-template': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/lists/import-template' }),
    expect: { coordinator: 200 },
  },
  'POST /api/v1/lists/import': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/lists/import', body: {} }),
    // The one upload gate: a request that is not multipart is told to send the file, as on the values import.
    expect: { coordinator: 400 },
  },
  'POST /api/v1/lists/items': {
    access: ['coordinator'],
    // Outside: led by 东区 though placed in 西区 — the writer must hold the lead unit AND the district.
    request: (_f, s) => ({
      url: '/api/v1/lists/items',
      body: { ...listItem(pick(s, 'xiqu', 'dongqu'), null), districtId: 'xiqu' },
    }),
    expect: { coordinator: [200, 403] },
  },
  'GET /api/v1/lists/items/:id': {
    access: 'authenticated',
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}` }),
    expect: {
      ...each(BUSINESS, [200, 403]),
      // The household roles have no part in the lists.
      ...each(HOUSEHOLD, [403, 403]),
      admin: [403, 403],
      securityAdmin: [403, 403],
      auditAdmin: [403, 403],
    },
  },
  'PUT /api/v1/lists/items/:id': {
    access: ['coordinator'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}`,
      body: { version: 999, item: listItem('xiqu', null) },
    }),
    expect: { coordinator: [409, 403] },
  },
  'DELETE /api/v1/lists/items/:id': {
    access: ['coordinator'],
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}?version=999` }),
    expect: { coordinator: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/issue': {
    access: ['coordinator'],
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/issue`, body: stale }),
    expect: { coordinator: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/acknowledge': {
    access: ['departmentReporter', 'districtReporter'],
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/acknowledge`, body: stale }),
    // The district leads the item inside; the department only co-operates on it.
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403] },
  },
  'POST /api/v1/lists/items/:id/request-completion': {
    access: ['departmentReporter', 'districtReporter'],
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/request-completion`, body: stale }),
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403] },
  },
  'POST /api/v1/lists/items/:id/close': {
    access: ['reviewer', 'coordinator'],
    request: (f, s) => ({ url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/close`, body: stale }),
    expect: { reviewer: [409, 403], coordinator: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/return-completion': {
    access: ['reviewer', 'coordinator'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/return-completion`,
      body: { version: 999, reason: '材料不全' },
    }),
    expect: { reviewer: [409, 403], coordinator: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/reports': {
    access: ['departmentReporter', 'districtReporter'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/reports`,
      body: { version: 999, period: '2024-10', percent: 10, narrative: '进展' },
    }),
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403] },
  },
  'POST /api/v1/lists/items/:id/milestones/:milestoneId/complete': {
    access: ['departmentReporter', 'districtReporter'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/milestones/${pick(s, f.milestoneIn, f.milestoneOut)}/complete`,
      body: { version: 999, completedDate: '2024-11-01', evidence: '方案印发' },
    }),
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403] },
  },
  'POST /api/v1/lists/items/:id/adjustments': {
    access: ['departmentReporter', 'districtReporter', 'coordinator'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/adjustments`,
      body: { version: 999, kind: 'deadline', reason: '延期', newDeadline: '2025-03-31' },
    }),
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403], coordinator: [409, 403] },
  },
  'POST /api/v1/lists/adjustments/:id/decide': {
    access: ['coordinator', 'leader'],
    request: (f, s) => ({
      url: `/api/v1/lists/adjustments/${pick(s, f.adjustmentIn, f.adjustmentOut)}/decide`,
      body: { approve: false, note: '矩阵测试' },
    }),
    expect: { coordinator: [200, 403], leader: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/notices': {
    access: ['coordinator', 'leader'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/notices`,
      body: { problem: '进度滞后' },
    }),
    expect: { coordinator: [200, 403], leader: [200, 403] },
  },
  'POST /api/v1/lists/notices/:id/answer': {
    access: ['departmentReporter', 'districtReporter'],
    request: (f, s) => ({
      url: `/api/v1/lists/notices/${pick(s, f.noticeIn, f.noticeOut)}/answer`,
      body: { version: 999, answer: '已整改' },
    }),
    expect: { districtReporter: [409, 403], departmentReporter: [403, 403] },
  },
  'POST /api/v1/lists/notices/:id/review': {
    access: ['coordinator', 'leader'],
    request: (f, s) => ({
      url: `/api/v1/lists/notices/${pick(s, f.noticeIn, f.noticeOut)}/review`,
      body: { version: 999, accept: true },
    }),
    expect: { coordinator: [409, 403], leader: [409, 403] },
  },
  'POST /api/v1/lists/problems/:id/resolve': {
    access: ['departmentReporter', 'districtReporter', 'coordinator'],
    // A problem reported on an item led by 西区 (inside) or 东区 (outside). The centre marks the inside one solved
    // first; the lead unit then finds it solved; the co-operating department may not.
    request: (f, s) => ({ url: `/api/v1/lists/problems/${pick(s, f.problemIn, f.problemOut)}/resolve`, body: {} }),
    expect: { coordinator: [200, 403], departmentReporter: [403, 403], districtReporter: [409, 403] },
  },
  'POST /api/v1/lists/items/:id/attachments': {
    access: ['departmentReporter', 'districtReporter', 'coordinator'],
    request: (f, s) => ({
      url: `/api/v1/lists/items/${pick(s, f.itemIn, f.itemOut)}/attachments`,
      multipart: { fileName: '进展材料.pdf', data: Buffer.from('%PDF-1.4\n%matrix\n') },
    }),
    expect: { districtReporter: [200, 403], departmentReporter: [403, 403], coordinator: [200, 403] },
  },
  'GET /api/v1/lists/attachments/:id': {
    access: 'authenticated',
    request: (f, s) => ({ url: `/api/v1/lists/attachments/${pick(s, f.attachmentIn, f.attachmentOut)}` }),
    expect: { ...each(BUSINESS, [200, 403]), ...each([...PRIVILEGED, ...HOUSEHOLD], [403, 403]) },
  },
  'GET /api/v1/lists/todos': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/todos' }),
    expect: ALL(200),
  },
  'GET /api/v1/lists/leader-view': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/leader-view' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/lists/units/:id': {
    access: 'authenticated',
    request: (_f, s) => ({ url: `/api/v1/lists/units/${pick(s, 'xiqu', 'dongqu')}` }),
    expect: { ...each(BUSINESS, [200, 403]), departmentReporter: [403, 403], ...each(PRIVILEGED, [403, 403]) },
  },
  'GET /api/v1/lists/records': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/records' }),
    expect: AGGREGATE,
  },
  'GET /api/v1/lists/summary/monthly': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/summary/monthly?period=2024-10' }),
    expect: AGGREGATE,
  },
  'POST /api/v1/lists/warnings/run': {
    access: ['coordinator'],
    request: () => ({ url: '/api/v1/lists/warnings/run' }),
    expect: { coordinator: 200 },
  },
  'GET /api/v1/lists/rules': {
    access: 'authenticated',
    request: () => ({ url: '/api/v1/lists/rules' }),
    expect: ALL(200),
  },
  'PUT /api/v1/lists/rules': {
    access: ['coordinator'],
    request: (f) => ({ url: '/api/v1/lists/rules', body: f.rules }),
    expect: { coordinator: 200 },
  },
};

/** A list item draft led by `unit` (also its district); inside, co-operated by the human resources bureau. */
function listItem(unit: string, workTeamId: string | null) {
  return {
    kind: 'reform',
    year: 2024,
    title: `矩阵测试事项（${unit}）`,
    leaderName: '副区长',
    leadUnitId: unit,
    coUnitIds: unit === 'xiqu' ? ['dept-rsj'] : [],
    personInCharge: '张三',
    districtId: unit,
    workTeamId,
    startDate: '2024-10-01',
    deadline: '2024-12-31',
    milestones: [{ title: '制定方案', plannedDate: '2024-10-31' }],
  };
}

function multipartBody(fileName: string, data: Buffer) {
  const boundary = '----gongfu-matrix';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe.each(testDialects())('authorisation matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const clients = new Map<Role, Client>();
  const spec: Record<Role, Parameters<typeof makeUser>[1]> = {} as Record<Role, Parameters<typeof makeUser>[1]>;

  const send = async (method: string, req: Req, client: Client | null): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = client
      ? { cookie: client.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': client.csrf }) }
      : {};
    if (req.multipart) {
      const m = multipartBody(req.multipart.fileName, req.multipart.data);
      return t.app.inject({
        method: method as 'POST',
        url: req.url,
        headers: { ...headers, 'content-type': m.contentType },
        payload: m.payload,
      });
    }
    return t.app.inject({
      method: method as 'GET',
      url: req.url,
      headers,
      ...(req.body === undefined
        ? method === 'GET' || method === 'DELETE'
          ? {}
          : { payload: {} }
        : { payload: req.body as object }),
    });
  };

  const signIn = async (username: string): Promise<Client> => {
    const row = await t.ctx.db.kysely
      .selectFrom('users')
      .select('totp_enabled')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const otp = row.totp_enabled === 1 ? await t.otp(username) : undefined;
    return clientOf(t, await login(t, { username, password: TEST_PASSWORD, ...(otp ? { otp } : {}) }), username);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const team = (
      await t.ctx.db.kysely
        .selectFrom('users')
        .select('work_team_id')
        .where('username', '=', 'team')
        .executeTakeFirstOrThrow()
    ).work_team_id as string;
    const otherTeam = (
      await t.ctx.db.kysely.selectFrom('work_teams').select('id').where('id', '!=', team).executeTakeFirstOrThrow()
    ).id;
    Object.assign(spec, {
      admin: { role: 'admin' },
      securityAdmin: { role: 'securityAdmin' },
      auditAdmin: { role: 'auditAdmin' },
      coordinator: { role: 'coordinator', entryScope: ['xiqu'], viewScope: ['xiqu'] },
      leader: { role: 'leader', viewScope: ['xiqu'] },
      teamMember: { role: 'teamMember', viewScope: ['xiqu'], workTeamId: team },
      departmentReporter: { role: 'departmentReporter', entryScope: ['dept-rsj'], viewScope: ['xiqu'] },
      districtReporter: { role: 'districtReporter', entryScope: ['xiqu'], viewScope: ['xiqu'] },
      reviewer: { role: 'reviewer', entryScope: ['xiqu'], viewScope: ['xiqu'] },
      villageCadre: { role: 'villageCadre', entryScope: ['xiqu'], viewScope: ['xiqu'] },
      townshipOfficer: { role: 'townshipOfficer', entryScope: ['xiqu'], viewScope: ['xiqu'] },
      civilAffairsOfficer: { role: 'civilAffairsOfficer', viewScope: ['xiqu'] },
      hrOfficer: { role: 'hrOfficer', viewScope: ['xiqu'] },
    } satisfies Record<Role, Parameters<typeof makeUser>[1]>);
    for (const role of ROLES) clients.set(role, await signIn((await makeUser(t, spec[role])).username));

    // Fixtures, made by the demo coordination centre (city-wide).
    const k = t.ctx.db.kysely;
    const value = async (unit: string) =>
      await k
        .selectFrom('indicator_values')
        .select(['id', 'indicator_code'])
        .where('org_unit_id', '=', unit)
        .where('period', '=', '2024-10')
        .orderBy('indicator_code')
        .executeTakeFirstOrThrow();
    const vin = await value('xiqu');
    const vout = await value('dongqu');
    const gfb = await t.as('gfb');
    const item = async (unit: string, workTeamId: string) => {
      const created = await gfb.post('/api/v1/lists/items', listItem(unit, workTeamId));
      expect(created.statusCode, created.body).toBe(200);
      const id = created.json<{ id: string }>().id;
      expect((await gfb.post(`/api/v1/lists/items/${id}/issue`, { version: 1 })).statusCode).toBe(200);
      const notice = await gfb.post(`/api/v1/lists/items/${id}/notices`, { problem: '进度滞后' });
      expect(notice.statusCode, notice.body).toBe(200);
      const detail = (await gfb.get(`/api/v1/lists/items/${id}`)).json<{
        item: { version: number };
        milestones: { id: string }[];
      }>();
      const adj = await gfb.post(`/api/v1/lists/items/${id}/adjustments`, {
        version: detail.item.version,
        kind: 'deadline',
        reason: '延期',
        newDeadline: '2025-03-31',
      });
      expect(adj.statusCode, adj.body).toBe(200);
      const m = multipartBody('证明材料.pdf', Buffer.from('%PDF-1.4\n%fixture\n'));
      const att = await t.app.inject({
        method: 'POST',
        url: `/api/v1/lists/items/${id}/attachments`,
        headers: { cookie: gfb.cookie, 'x-csrf-token': gfb.csrf, 'content-type': m.contentType },
        payload: m.payload,
      });
      expect(att.statusCode, att.body).toBe(200);
      return {
        id,
        milestone: detail.milestones[0]?.id as string,
        notice: notice.json<{ noticeId: string }>().noticeId,
        adjustment: adj.json<{ adjustmentId: string }>().adjustmentId,
        attachment: att.json<{ id: string }>().id,
      };
    };
    const inside = await item('xiqu', team);
    const outside = await item('dongqu', otherTeam);
    /** A problem in a report of an item led by `unit`, reported by that unit's reporter. */
    const problem = async (unit: string) => {
      const id = (await gfb.post('/api/v1/lists/items', listItem(unit, team))).json<{ id: string }>().id;
      expect((await gfb.post(`/api/v1/lists/items/${id}/issue`, { version: 1 })).statusCode).toBe(200);
      const reporter = await signIn(
        (await makeUser(t, { role: 'districtReporter', entryScope: [unit], viewScope: [unit] })).username,
      );
      const version = async () =>
        (await gfb.get(`/api/v1/lists/items/${id}`)).json<{ item: { version: number } }>().item.version;
      expect(
        (await reporter.post(`/api/v1/lists/items/${id}/acknowledge`, { version: await version() })).statusCode,
      ).toBe(200);
      const report = await reporter.post(`/api/v1/lists/items/${id}/reports`, {
        version: await version(),
        period: '2024-10',
        percent: 20,
        narrative: '方案已起草',
        problems: [{ description: '资金未到位', owner: '财政局', dueDate: '2024-12-01' }],
      });
      expect(report.statusCode, report.body).toBe(200);
      const detail = (await gfb.get(`/api/v1/lists/items/${id}`)).json<{ reports: { problems: { id: string }[] }[] }>();
      return detail.reports[0]?.problems[0]?.id as string;
    };
    const current = (await gfb.get('/api/v1/frameworks/current')).json<{ indicators: Record<string, unknown>[] }>();
    const indicatorEdit: Record<string, unknown> = { ...current.indicators[0] };
    delete indicatorEdit.id;
    delete indicatorEdit.sort;
    delete indicatorEdit.source;
    const throwaway = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    await signIn(throwaway.username);
    const sessions = (await (await t.as('admin')).get('/api/v1/sessions')).json<{ id: string; username: string }[]>();
    const ledger = await ledgerFixture(t);
    f = {
      ...ledger,
      valueIn: vin.id,
      valueOut: vout.id,
      // Monthly, reported by the districts, led by 人社局 (the department reporter's), of team-d5 (the team member's).
      indicator: 'D5-06',
      roundId: (await gfb.get('/api/v1/rounds')).json<{ id: string }[]>()[0]?.id as string,
      itemIn: inside.id,
      itemOut: outside.id,
      milestoneIn: inside.milestone,
      milestoneOut: outside.milestone,
      noticeIn: inside.notice,
      noticeOut: outside.notice,
      adjustmentIn: inside.adjustment,
      adjustmentOut: outside.adjustment,
      attachmentIn: inside.attachment,
      attachmentOut: outside.attachment,
      problemIn: await problem('xiqu'),
      problemOut: await problem('dongqu'),
      business: {
        edit: (await makeUser(t, { role: 'leader', viewScope: ['xiqu'] })).id,
        rights: (await makeUser(t, { role: 'leader', viewScope: ['xiqu'] })).id,
        reset: (await makeUser(t, { role: 'leader', viewScope: ['xiqu'] })).id,
        mfa: (await makeUser(t, { role: 'leader', viewScope: ['xiqu'] })).id,
      },
      privilegedId: (
        await t.ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'auditor')
          .executeTakeFirstOrThrow()
      ).id,
      sessionId: sessions.find((s) => s.username === throwaway.username)?.id as string,
      thresholds: (await gfb.get('/api/v1/evaluation/thresholds')).json(),
      rules: (await gfb.get('/api/v1/lists/rules')).json(),
      indicatorEdit,
      household: (
        await t.ctx.households.create(
          {
            userId: 'matrix',
            username: 'matrix',
            displayName: 'matrix',
            role: 'villageCadre',
            entryScope: ['xiqu'],
            viewScope: ['xiqu'],
            workTeamId: null,
            sessionId: 'matrix',
            ip: '127.0.0.1',
          },
          {
            villageId: 'xiqu-geliping-xinzhuang',
            address: '',
            note: '',
            reason: '矩阵测试',
            members: [
              {
                name: '测试户主',
                idNumber: '510402199001011234',
                relation: 'head',
                sex: 'male',
                inSchool: false,
                retired: false,
                disabilityGrade: null,
                seriouslyIll: false,
                ableToWork: true,
                willingToWork: true,
                employed: true,
                employedSince: null,
                employer: null,
              },
            ],
          },
        )
      ).id,
    };
  });
  afterAll(async () => t.close());

  it('has an entry for every route, and every entry declares the access the route declares', () => {
    const registered = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
    const missing = [...registered.keys()].filter((k) => !(k in MATRIX));
    expect(missing, 'routes with no entry in the authorisation matrix (test/security/matrix.test.ts)').toEqual([]);
    const gone = Object.keys(MATRIX).filter((k) => !registered.has(k));
    expect(gone, 'matrix entries whose route no longer exists').toEqual([]);
    for (const [key, c] of Object.entries(MATRIX)) {
      const declared = registered.get(key);
      const norm = (a: RouteAccess | undefined) => (typeof a === 'string' || a === undefined ? a : [...a].sort());
      expect(norm(declared), `${key}: declared access`).toEqual(norm(c.access));
      // The table cannot let through a role the route refuses.
      if (c.access !== 'public' && c.access !== 'authenticated') {
        expect(
          Object.keys(c.expect).filter((r) => !c.access.includes(r as Role)),
          `${key}: roles beyond the declared access`,
        ).toEqual([]);
      }
    }
  });

  // GET /metrics lies outside /api (Prometheus's path) and has no session rule: no role opens it. Without
  // METRICS_TOKEN it answers the machine itself only, and never a request that came through a proxy.
  it('GET /metrics: loopback without a proxy only; no session of any role opens it from elsewhere', async () => {
    const get = (remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
    const problems: string[] = [];
    const local = await get('127.0.0.1');
    if (local.statusCode !== 200) problems.push(`loopback: expected 200, got ${local.statusCode}`);
    else if (!local.body.includes('gongfu_http_requests_total')) problems.push('loopback: no request counter');
    if ((await get('::1')).statusCode !== 200) problems.push('::1: expected 200');
    for (const [who, headers] of [
      ['anonymous', {}],
      ...ROLES.map((role) => [role, { cookie: (clients.get(role) as Client).cookie }] as const),
    ] as const) {
      const remote = await get('10.1.2.3', headers);
      if (remote.statusCode !== 403) problems.push(`${who} from 10.1.2.3: expected 403, got ${remote.statusCode}`);
      const proxied = await get('127.0.0.1', { ...headers, 'x-forwarded-for': '203.0.113.9' });
      if (proxied.statusCode !== 403) problems.push(`${who} through a proxy: expected 403, got ${proxied.statusCode}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(Object.entries(MATRIX))('%s', async (key, c) => {
    const [method = 'GET'] = key.split(' ');
    const problems: string[] = [];
    const scoped = Object.values(c.expect).some((e) => Array.isArray(e));
    const scopes: Scope[] = scoped ? ['inside', 'outside'] : ['inside'];
    const anon = await send(method, c.request(f, 'inside', 'anonymous'), null);
    const wantAnon = c.anonymous ?? 401;
    if (anon.statusCode !== wantAnon)
      problems.push(`anonymous: expected ${wantAnon}, got ${anon.statusCode} ${anon.body.slice(0, 160)}`);
    for (const role of ROLES) {
      const want = c.expect[role] ?? 403;
      for (const [i, scope] of scopes.entries()) {
        const client = c.fresh ? await signIn((await makeUser(t, spec[role])).username) : (clients.get(role) as Client);
        const res = await send(method, c.request(f, scope, role), client);
        const expected = Array.isArray(want) ? (want[i] as number) : (want as number);
        if (res.statusCode !== expected)
          problems.push(`${role} ${scope}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (
          res.statusCode === 403 &&
          c.expect[role] === undefined &&
          res.json<{ error: { code: string } }>().error.code !== 'FORBIDDEN'
        ) {
          problems.push(
            `${role} ${scope}: refused by the route's gate should say FORBIDDEN, said ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  // The token check reads no data: one dialect is enough.
  const token = 'metrics-token-for-the-matrix-test-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => t.close());

  it('answers the bearer token from anywhere, and nothing else (not loopback, not an administrator)', async () => {
    const get = (remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
    const admin = await t.as('admin');
    expect((await get('10.1.2.3', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    expect(
      (await get('127.0.0.1', { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.9.9.9' })).statusCode,
    ).toBe(200);
    expect((await get('127.0.0.1')).statusCode).toBe(401);
    expect((await get('10.1.2.3', { authorization: `Bearer ${token}x` })).statusCode).toBe(401);
    expect((await get('10.1.2.3', { authorization: token })).statusCode).toBe(401);
    expect((await get('127.0.0.1', { cookie: admin.cookie })).statusCode).toBe(401);
  });
});
