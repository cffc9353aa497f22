import { z } from 'zod';
import { defineRoute } from '../contract.ts';

export const orgUnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  urban: z.boolean().nullable(),
  sort: z.number(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const workTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  group: z.string(),
  sort: z.number(),
});
export type WorkTeam = z.infer<typeof workTeamSchema>;

/** The org tree and the work teams are not secret: every signed-in user reads them to name things. */
export const orgRoutes = {
  units: defineRoute({
    method: 'GET',
    path: '/org-units',
    tags: ['org'],
    summary: '组织机构树 Org units',
    access: 'authenticated',
    response: z.array(orgUnitSchema),
  }),
  workTeams: defineRoute({
    method: 'GET',
    path: '/work-teams',
    tags: ['org'],
    summary: '工作专班 Work teams',
    access: 'authenticated',
    response: z.array(workTeamSchema),
  }),
};
