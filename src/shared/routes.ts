/**
 * The route table: every API route the shared contract covers, by module. The server registers each entry with
 * `route()` (src/server/http/route.ts); the web calls it with `call()` / `useRoute()` (src/web/api.ts). Modules move
 * here one by one; the rest still register with Fastify directly and are called by path.
 */
import { evaluationRoutes } from './api/evaluation.ts';
import { householdCaseRoutes } from './api/household-cases.ts';
import { orgRoutes } from './api/org.ts';
import { roundRoutes } from './api/rounds.ts';
import { householdRoutes } from './api/households.ts';
import { projectRoutes } from './api/projects.ts';
import { exchangeRoutes } from './api/exchange.ts';
import { valueRoutes } from './api/values.ts';
import { listRoutes } from './api/lists.ts';
import { frameworkRoutes } from './api/frameworks.ts';
import { userRoutes } from './api/users.ts';
import { authRoutes } from './api/auth.ts';
import { securityRoutes } from './api/security.ts';
import { cockpitRoutes } from './api/cockpit.ts';
import { householdStatisticsRoutes } from './api/household-statistics.ts';

export const routes = {
  org: orgRoutes,
  evaluation: evaluationRoutes,
  rounds: roundRoutes,
  householdCases: householdCaseRoutes,
  households: householdRoutes,
  projects: projectRoutes,
  exchange: exchangeRoutes,
  values: valueRoutes,
  lists: listRoutes,
  frameworks: frameworkRoutes,
  users: userRoutes,
  auth: authRoutes,
  security: securityRoutes,
  cockpit: cockpitRoutes,
  householdStatistics: householdStatisticsRoutes,
};
