/**
 * THE route table of the signed-in app and, from it, the left menu. To add a page: create `pages/XPage.tsx`
 * exporting `XPage`, add one entry here (path, roles, and `menu` if it belongs in the menu). Order = menu order.
 * `roles` mirrors the `config.access` of the API routes the page needs (src/server/modules/*\/*.routes.ts); the
 * server checks again, this only keeps people away from pages that would answer 403.
 */
import {
  AuditOutlined,
  CheckSquareOutlined,
  CrownOutlined,
  SolutionOutlined,
  UnorderedListOutlined,
  BarChartOutlined,
  DashboardOutlined,
  EditOutlined,
  PartitionOutlined,
  ScheduleOutlined,
  TableOutlined,
  TeamOutlined,
  FileSearchOutlined,
  LockOutlined,
  SafetyOutlined,
  FlagOutlined,
  HomeOutlined,
  MobileOutlined,
  PieChartOutlined,
  SwapOutlined,
  FundProjectionScreenOutlined,
  AppstoreOutlined,
  ClusterOutlined,
  ApiOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router-dom';
import type { MsgId } from './i18n.ts';
import type { Role } from './types.ts';

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Who may open it; absent = every signed-in user. */
  roles?: readonly Role[];
  /** Shown in the left menu with this label and icon. */
  menu?: { label: MsgId; icon: ReactNode };
  /** For sub-pages: the menu item to highlight (the path of a menu route). */
  menuKey?: string;
  /** For sub-pages: the last crumb of the breadcrumb (the parent's is its menu label). */
  crumb?: MsgId;
  /**
   * For sub-pages opened from several places (an indicator from the cockpit, the ranking, the framework): the menu
   * routes that may stand as its parent — the one the user came from is highlighted, `menuKey` when none.
   */
  openedFrom?: readonly string[];
}

/** Pages are loaded when first opened, so the sign-in page does not wait for the charts. */
function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

/** The household monitoring roles (issue 8): they see named households within their scope. */
const HOUSEHOLD_ROLES: readonly Role[] = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'];
const REPORTERS: readonly Role[] = ['districtReporter', 'departmentReporter'];
/**
 * Everyone who works with the city's data. The three privileged roles of the separation of duties (admin,
 * securityAdmin, auditAdmin) carry no data scope and do not see the data pages.
 */
const DATA_ROLES: readonly Role[] = [
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
];

export const APP_ROUTES: readonly AppRoute[] = [
  {
    path: '/cockpit',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/CockpitPage.tsx'), 'CockpitPage'),
    menu: { label: 'menu.cockpit', icon: <DashboardOutlined /> },
  },
  {
    path: '/cockpit/unit/:orgUnitId',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/CockpitUnitPage.tsx'), 'CockpitUnitPage'),
    menuKey: '/cockpit',
    crumb: 'crumb.unitCockpit',
    openedFrom: ['/cockpit', '/ranking', '/evaluation'],
  },
  {
    path: '/framework',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/FrameworkPage.tsx'), 'FrameworkPage'),
    menu: { label: 'menu.framework', icon: <PartitionOutlined /> },
  },
  {
    path: '/indicators/:code',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/IndicatorPage.tsx'), 'IndicatorPage'),
    menuKey: '/framework',
    crumb: 'crumb.indicator',
    openedFrom: ['/framework', '/cockpit', '/evaluation', '/ranking', '/entry', '/review', '/rounds', '/lists'],
  },
  {
    path: '/entry',
    page: lazyPage(() => import('./pages/EntryPage.tsx'), 'EntryPage'),
    roles: REPORTERS,
    menu: { label: 'menu.entry', icon: <EditOutlined /> },
  },
  {
    path: '/review',
    page: lazyPage(() => import('./pages/ReviewPage.tsx'), 'ReviewPage'),
    roles: ['reviewer'],
    menu: { label: 'menu.review', icon: <AuditOutlined /> },
  },
  {
    path: '/rounds',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/RoundsPage.tsx'), 'RoundsPage'),
    menu: { label: 'menu.rounds', icon: <ScheduleOutlined /> },
  },
  {
    path: '/evaluation',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/EvaluationPage.tsx'), 'EvaluationPage'),
    menu: { label: 'menu.evaluation', icon: <TableOutlined /> },
  },
  {
    path: '/ranking',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/RankingPage.tsx'), 'RankingPage'),
    menu: { label: 'menu.ranking', icon: <BarChartOutlined /> },
  },
  {
    path: '/evaluation/end-of-plan',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/evaluation/EndOfPlanPage.tsx'), 'EndOfPlanPage'),
    menu: { label: 'menu.endOfPlan', icon: <FlagOutlined /> },
  },
  // The four lists (issue 4): src/web/pages/lists.
  {
    path: '/lists',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ListsPage.tsx'), 'ListsPage'),
    menu: { label: 'menu.lists', icon: <UnorderedListOutlined /> },
  },
  {
    path: '/lists/items/:id',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ItemPage.tsx'), 'ItemPage'),
    menuKey: '/lists',
    crumb: 'crumb.item',
    openedFrom: ['/lists', '/lists/todos', '/lists/leaders', '/lists/units', '/cockpit'],
  },
  {
    path: '/lists/summary',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ViewPages.tsx'), 'SummaryPage'),
    menuKey: '/lists',
    crumb: 'crumb.summary',
  },
  {
    path: '/lists/todos',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ViewPages.tsx'), 'TodosPage'),
    menu: { label: 'menu.todos', icon: <CheckSquareOutlined /> },
  },
  {
    path: '/lists/leaders',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ViewPages.tsx'), 'LeaderViewPage'),
    menu: { label: 'menu.listLeaders', icon: <CrownOutlined /> },
  },
  {
    path: '/lists/units',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/lists/ViewPages.tsx'), 'UnitRecordPage'),
    menu: { label: 'menu.listUnits', icon: <SolutionOutlined /> },
  },
  // The major-project ledger (issue 9, 项目为王): src/web/pages/projects. The fixed paths come before
  // /projects/:id, which would match them too.
  {
    path: '/projects',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/projects/LedgerPage.tsx'), 'LedgerPage'),
    menu: { label: 'menu.projects', icon: <FundProjectionScreenOutlined /> },
  },
  {
    path: '/projects/board',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/projects/BoardPage.tsx'), 'BoardPage'),
    menu: { label: 'menu.projectBoard', icon: <AppstoreOutlined /> },
  },
  {
    path: '/projects/districts',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/projects/DistrictPage.tsx'), 'DistrictPage'),
    menu: { label: 'menu.projectDistricts', icon: <ClusterOutlined /> },
  },
  {
    path: '/projects/:id',
    roles: DATA_ROLES,
    page: lazyPage(() => import('./pages/projects/ProjectPage.tsx'), 'ProjectPage'),
    menuKey: '/projects',
    crumb: 'crumb.project',
    openedFrom: ['/projects', '/projects/board', '/projects/districts', '/cockpit'],
  },
  // Low-income household dynamic monitoring (issue 8): src/web/pages/households. The fixed paths come before
  // /households/:id, which would match them too.
  {
    path: '/households/workbench',
    roles: HOUSEHOLD_ROLES,
    page: lazyPage(() => import('./pages/households/WorkbenchPage.tsx'), 'WorkbenchPage'),
    menu: { label: 'menu.hhWorkbench', icon: <MobileOutlined /> },
  },
  {
    path: '/households',
    roles: HOUSEHOLD_ROLES,
    page: lazyPage(() => import('./pages/households/HouseholdSearchPage.tsx'), 'HouseholdSearchPage'),
    menu: { label: 'menu.hhSearch', icon: <HomeOutlined /> },
  },
  {
    path: '/households/data-match',
    roles: ['townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'],
    page: lazyPage(() => import('./pages/households/DataMatchPage.tsx'), 'DataMatchPage'),
    menu: { label: 'menu.hhDataMatch', icon: <SwapOutlined /> },
  },
  {
    path: '/households/:id',
    roles: HOUSEHOLD_ROLES,
    page: lazyPage(() => import('./pages/households/HouseholdPage.tsx'), 'HouseholdPage'),
    menuKey: '/households',
    crumb: 'crumb.household',
    openedFrom: ['/households', '/households/workbench', '/households/data-match'],
  },
  {
    path: '/household-statistics',
    // Counts only (small cells suppressed for those who may not see households): every business role.
    roles: [...DATA_ROLES, ...HOUSEHOLD_ROLES],
    page: lazyPage(() => import('./pages/households/StatisticsPage.tsx'), 'StatisticsPage'),
    menu: { label: 'menu.hhStatistics', icon: <PieChartOutlined /> },
  },
  // Exchange with other systems (issue 12): src/web/pages/exchange. One page; each tab is there for the roles its
  // routes answer (the centre: mappings, receivers, the log; the administrators: service accounts and tokens;
  // reporters: imports).
  {
    path: '/exchange',
    roles: ['coordinator', 'admin', 'securityAdmin', 'districtReporter', 'departmentReporter'],
    page: lazyPage(() => import('./pages/exchange/ExchangePage.tsx'), 'ExchangePage'),
    menu: { label: 'menu.exchange', icon: <ApiOutlined /> },
  },
  {
    path: '/welcome',
    page: lazyPage(() => import('./pages/WelcomePage.tsx'), 'WelcomePage'),
  },
  {
    path: '/users',
    page: lazyPage(() => import('./pages/UsersPage.tsx'), 'UsersPage'),
    // The system administrator manages accounts; the security administrator authorises them (docs/security.md).
    roles: ['admin', 'securityAdmin'],
    menu: { label: 'menu.users', icon: <TeamOutlined /> },
  },
  // Security (issue 3): src/web/pages/security.
  {
    path: '/security/policy',
    page: lazyPage(() => import('./pages/security/SecurityPolicyPage.tsx'), 'SecurityPolicyPage'),
    roles: ['securityAdmin'],
    menu: { label: 'menu.securityPolicy', icon: <LockOutlined /> },
  },
  {
    path: '/audit',
    page: lazyPage(() => import('./pages/security/AuditPage.tsx'), 'AuditPage'),
    roles: ['auditAdmin'],
    menu: { label: 'menu.audit', icon: <FileSearchOutlined /> },
  },
  {
    path: '/account',
    page: lazyPage(() => import('./pages/security/AccountPage.tsx'), 'AccountPage'),
    menu: { label: 'menu.account', icon: <SafetyOutlined /> },
  },
];

export function canOpen(route: AppRoute, role: Role): boolean {
  return route.roles === undefined || route.roles.includes(role);
}

/**
 * Where a user lands after signing in: the page they asked for when their role may open it (a link someone sent,
 * the page they were on when the session ended), otherwise their home — never a page that would say 403.
 */
export function landingPath(from: string | undefined, role: Role): string {
  if (from) {
    const pathname = from.split(/[?#]/)[0] ?? '';
    const route = APP_ROUTES.find((r) => matchPath(r.path, pathname));
    if (route && canOpen(route, role)) return from;
  }
  return homePath(role);
}

/** Where a user lands after signing in: leaders and the coordination centre on the cockpit, others on their work. */
export function homePath(role: Role): string {
  switch (role) {
    case 'districtReporter':
    case 'departmentReporter':
      return '/entry';
    case 'reviewer':
      return '/review';
    case 'admin':
      return '/users';
    case 'securityAdmin':
      return '/users';
    case 'auditAdmin':
      return '/audit';
    case 'coordinator':
    case 'leader':
    case 'teamMember':
      return '/cockpit';
    case 'villageCadre':
    case 'townshipOfficer':
    case 'civilAffairsOfficer':
    case 'hrOfficer':
      return '/households/workbench';
  }
}
