import { z } from 'zod';

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
