import type { OrgUnit } from '../../types.ts';

export interface OrgTreeNode {
  value: string;
  title: string;
  children: OrgTreeNode[];
}

export interface OrgTreeOptions {
  /** Only these units and everything below them (a user's scope); null for the whole tree. */
  scope: readonly string[] | null;
  /** Leave out units of these kinds (departments do not report regional figures). */
  excludeKinds?: readonly string[];
  name: (unit: OrgUnit) => string;
}

/** Whether `id` is one of `scope` or lies below one of them. */
export function withinScope(byId: ReadonlyMap<string, OrgUnit>, id: string, scope: readonly string[]): boolean {
  let cur: OrgUnit | undefined = byId.get(id);
  while (cur) {
    if (scope.includes(cur.id)) return true;
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return false;
}

/**
 * The org tree as TreeSelect data, cut down to a scope: each unit in scope hangs under its nearest ancestor that is
 * also in scope, or is a root. Sibling order follows `sort`.
 */
export function buildOrgTree(units: readonly OrgUnit[], options: OrgTreeOptions): OrgTreeNode[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const excluded = new Set(options.excludeKinds ?? []);
  const included = units
    .filter((u) => !excluded.has(u.kind))
    .filter((u) => options.scope === null || withinScope(byId, u.id, options.scope))
    .sort((a, b) => a.sort - b.sort);
  const nodes = new Map<string, OrgTreeNode>(
    included.map((u) => [u.id, { value: u.id, title: options.name(u), children: [] }]),
  );
  const roots: OrgTreeNode[] = [];
  for (const u of included) {
    const node = nodes.get(u.id) as OrgTreeNode;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
