import { describe, expect, it } from 'vitest';
import { APP_ROUTES } from '../routes.tsx';
import { crumbsOf, selectedMenuKey } from './navigation.ts';

describe('the menu and the breadcrumb', () => {
  it('highlights the page the user came from for an indicator opened from the cockpit, the framework otherwise', () => {
    expect(selectedMenuKey('/indicators/D2-03', '/cockpit')).toBe('/cockpit');
    expect(selectedMenuKey('/indicators/D2-03', '/ranking')).toBe('/ranking');
    expect(selectedMenuKey('/indicators/D2-03', undefined)).toBe('/framework');
    // A page that cannot have opened it does not stand as its parent.
    expect(selectedMenuKey('/indicators/D2-03', '/account')).toBe('/framework');
    expect(selectedMenuKey('/lists/items/abc', '/lists/todos')).toBe('/lists/todos');
    expect(selectedMenuKey('/cockpit', '/framework')).toBe('/cockpit');
  });

  it('gives every page below the top level a breadcrumb under its parent', () => {
    expect(crumbsOf('/indicators/D2-03', '/cockpit')).toEqual({
      parent: { path: '/cockpit', label: 'menu.cockpit' },
      current: 'crumb.indicator',
    });
    expect(crumbsOf('/lists/summary', undefined)?.parent.path).toBe('/lists');
    expect(crumbsOf('/cockpit', undefined)).toBeNull();
    for (const r of APP_ROUTES.filter((x) => !x.menu && x.menuKey)) {
      expect(crumbsOf(r.path.replace(/:\w+/g, 'x'), undefined), r.path).not.toBeNull();
    }
  });

  it('puts a household under the page it was opened from', () => {
    expect(selectedMenuKey('/households/workbench', undefined)).toBe('/households/workbench');
    expect(selectedMenuKey('/households/data-match', undefined)).toBe('/households/data-match');
    expect(crumbsOf('/households/h-1', '/households/workbench')).toEqual({
      parent: { path: '/households/workbench', label: 'menu.hhWorkbench' },
      current: 'crumb.household',
    });
    expect(crumbsOf('/households/h-1', undefined)?.parent.path).toBe('/households');
  });
});
