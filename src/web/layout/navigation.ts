/**
 * Where the user is, for the menu and the breadcrumb: the menu item of the page shown and, below the top level, the
 * page it was opened from. A sub-page opened from several places (an indicator from the cockpit, the ranking or the
 * framework) belongs to the one the user came from, not always to the same one.
 */
import { matchPath } from 'react-router-dom';
import type { MsgId } from '../i18n.ts';
import { APP_ROUTES, type AppRoute } from '../routes.tsx';

export function routeOf(pathname: string): AppRoute | undefined {
  return APP_ROUTES.find((r) => matchPath(r.path, pathname));
}

/** The menu item to highlight: the page's own, or for a sub-page the menu page it was opened from. */
export function selectedMenuKey(pathname: string, cameFrom: string | undefined): string | undefined {
  const route = routeOf(pathname);
  if (!route) return undefined;
  if (route.menu) return route.path;
  if (cameFrom && route.openedFrom?.includes(cameFrom)) return cameFrom;
  return route.menuKey;
}

export interface Crumbs {
  /** The menu page above: its path and label. */
  parent: { path: string; label: MsgId };
  current: MsgId;
}

/** The breadcrumb of a page below the top level; null for a menu page. */
export function crumbsOf(pathname: string, cameFrom: string | undefined): Crumbs | null {
  const route = routeOf(pathname);
  if (!route || route.menu || !route.crumb) return null;
  const key = selectedMenuKey(pathname, cameFrom);
  const parent = APP_ROUTES.find((r) => r.path === key && r.menu);
  if (!parent?.menu) return null;
  return { parent: { path: parent.path, label: parent.menu.label }, current: route.crumb };
}
