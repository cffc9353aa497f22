import { describe, expect, it } from 'vitest';
import { homePath, landingPath } from './routes.tsx';

describe('landingPath', () => {
  it('takes the user to the page they asked for when their role may open it', () => {
    expect(landingPath('/lists/summary?year=2026', 'coordinator')).toBe('/lists/summary?year=2026');
    expect(landingPath('/indicators/D2-03?orgUnitId=xiqu', 'leader')).toBe('/indicators/D2-03?orgUnitId=xiqu');
  });

  it('never lands on a page that would answer 403, nor on an unknown one: home instead', () => {
    expect(landingPath('/users', 'coordinator')).toBe(homePath('coordinator'));
    expect(landingPath('/audit', 'districtReporter')).toBe('/entry');
    expect(landingPath('/no-such-page', 'reviewer')).toBe('/review');
    expect(landingPath(undefined, 'leader')).toBe('/cockpit');
  });

  it('takes the household roles to their workbench, and keeps leaders off named households', () => {
    expect(landingPath(undefined, 'villageCadre')).toBe('/households/workbench');
    expect(landingPath('/households/abc', 'townshipOfficer')).toBe('/households/abc');
    expect(landingPath('/households/abc', 'leader')).toBe('/cockpit');
    expect(landingPath('/households/data-match', 'villageCadre')).toBe('/households/workbench');
    expect(landingPath('/household-statistics', 'leader')).toBe('/household-statistics');
  });
});
