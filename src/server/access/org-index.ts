/**
 * The org tree held in memory: a few hundred rows that every access check consults, so no check costs a query.
 * Rebuilt whenever the tree changes.
 */
export interface OrgNode {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  urban: boolean | null;
  sort: number;
}

export class OrgIndex {
  readonly byId: ReadonlyMap<string, OrgNode>;
  private readonly childrenOf = new Map<string, OrgNode[]>();

  constructor(nodes: OrgNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
    for (const n of [...nodes].sort((a, b) => a.sort - b.sort)) {
      if (n.parentId === null) continue;
      const list = this.childrenOf.get(n.parentId) ?? [];
      list.push(n);
      this.childrenOf.set(n.parentId, list);
    }
  }

  get(id: string): OrgNode | undefined {
    return this.byId.get(id);
  }

  children(id: string): OrgNode[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** Region children only (districts under the city, townships under a district…), not departments. */
  regionChildren(id: string): OrgNode[] {
    return this.children(id).filter((n) => n.kind !== 'department');
  }

  /** Ancestors from the unit itself up to the root. */
  lineage(id: string): string[] {
    const out: string[] = [];
    let cur = this.byId.get(id);
    while (cur) {
      out.push(cur.id);
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return out;
  }

  /** True when `unitId` is one of `roots` or a descendant of one. */
  within(unitId: string, roots: readonly string[]): boolean {
    if (roots.length === 0) return false;
    return this.lineage(unitId).some((id) => roots.includes(id));
  }

  /** The root and every descendant. */
  subtree(rootId: string): string[] {
    const out: string[] = [];
    const stack = [rootId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (!this.byId.has(id)) continue;
      out.push(id);
      for (const c of this.children(id)) stack.push(c.id);
    }
    return out;
  }

  root(): OrgNode | undefined {
    for (const n of this.byId.values()) if (n.parentId === null) return n;
    return undefined;
  }

  /** The county-level units (districts, counties, functional zones) directly under the city. */
  countyLevel(): OrgNode[] {
    const root = this.root();
    return root ? this.regionChildren(root.id) : [];
  }
}
