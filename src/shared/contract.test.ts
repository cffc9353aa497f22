import { describe, expect, it } from 'vitest';
import { routePath, type RouteContract } from './contract.ts';
import { routes } from './routes.ts';

describe('the route table', () => {
  it('fills path parameters, encoded', () => {
    expect(routePath('/rounds/:id/status', { id: 'r 1/2' })).toBe('/rounds/r%201%2F2/status');
    expect(routePath('/rounds', undefined)).toBe('/rounds');
    expect(() => routePath('/rounds/:id/status', {})).toThrow(/id/);
  });

  it('declares each route once, with an access rule and a path parameter schema for every :name', () => {
    const all: RouteContract[] = Object.values(routes).flatMap((m) => Object.values(m));
    const keys = all.map((c) => `${c.method} ${c.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of all) {
      expect(c.access, c.path).toBeTruthy();
      const names = [...c.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      if (names.length > 0) expect('params' in c, c.path).toBe(true);
    }
  });
});
