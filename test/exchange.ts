import type { TestApp } from './app.ts';

/** A service account of 西区 with a token, authorised as a district reporter; answers the token. */
export async function reporterToken(
  t: TestApp,
  opts: { username: string; entryScope: string[]; viewScope: string[] } = {
    username: 'svc-xiqu',
    entryScope: ['xiqu'],
    viewScope: ['xiqu'],
  },
): Promise<string> {
  const admin = await t.as('admin');
  const secadmin = await t.as('secadmin');
  const created = await admin.post('/api/v1/exchange/service-accounts', {
    username: opts.username,
    displayName: '区统计局接口',
    systemName: 'DHIS2（西区统计局）',
    description: null,
  });
  const id = created.json<{ userId: string }>().userId;
  const rights = await secadmin.put(`/api/v1/users/${id}/rights`, {
    role: 'districtReporter',
    entryScope: opts.entryScope,
    viewScope: opts.viewScope,
    version: 1,
  });
  if (rights.statusCode !== 200) throw new Error(rights.body);
  return (
    await admin.post(`/api/v1/exchange/service-accounts/${id}/tokens`, { name: 'DHIS2-西区', expiresInDays: 30 })
  ).json<{ token: string }>().token;
}
