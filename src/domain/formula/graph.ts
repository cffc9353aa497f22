/**
 * Dependencies between computed indicators: cycles and the order to compute them in.
 *
 * Input: for each computed indicator, the codes its formula reads (`check(...).references`). Codes that are not
 * keys are entered indicators: leaves. Every reference counts as a dependency, including `LAST_YEAR` and `YTD`
 * ones, so an indicator defined through its own past is reported as a cycle too (conservative on purpose).
 */

/**
 * The circular definitions among computed indicators, one per strongly connected group: the shortest cycle through
 * the group's alphabetically first code, written from that code back to itself. Fixing one reported cycle may
 * reveal another in the same group; check again after each fix.
 *
 * @example findCycles(new Map([['A', ['B']], ['B', ['A', 'C']], ['C', []]])) → [['A', 'B', 'A']]
 * @example findCycles(new Map([['RATIO', ['RATIO']]])) → [['RATIO', 'RATIO']]
 * @example findCycles(new Map([['URBAN_RURAL_RATIO', ['URBAN_INCOME', 'RURAL_INCOME']]])) → []
 */
export function findCycles(formulas: ReadonlyMap<string, readonly string[]>): string[][] {
  const edges = (code: string): readonly string[] => formulas.get(code) ?? [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const connect = (code: string): void => {
    index.set(code, counter);
    low.set(code, counter);
    counter++;
    stack.push(code);
    onStack.add(code);
    for (const next of edges(code)) {
      if (!index.has(next)) {
        connect(next);
        low.set(code, Math.min(low.get(code) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(code, Math.min(low.get(code) as number, index.get(next) as number));
      }
    }
    if (low.get(code) === index.get(code)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== code);
      components.push(component);
    }
  };
  for (const code of formulas.keys()) if (!index.has(code)) connect(code);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const first = [...component].sort()[0] as string;
    if (component.length === 1 && !edges(first).includes(first)) continue;
    cycles.push(shortestCycle(first, members, edges));
  }
  return cycles.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

/**
 * The computed indicators in an order where each comes after every computed indicator it reads, or the cycles
 * that make such an order impossible. Ties keep the map's order.
 *
 * @example evaluationOrder(new Map([['GAP', ['GDP_PC']], ['GDP_PC', ['GDP', 'POPULATION']]]))
 *   → { ok: true, order: ['GDP_PC', 'GAP'] }
 */
export function evaluationOrder(
  formulas: ReadonlyMap<string, readonly string[]>,
): { ok: true; order: string[] } | { ok: false; cycles: string[][] } {
  const cycles = findCycles(formulas);
  if (cycles.length > 0) return { ok: false, cycles };
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (code: string): void => {
    if (done.has(code)) return;
    done.add(code);
    for (const next of formulas.get(code) ?? []) if (formulas.has(next)) visit(next);
    order.push(code);
  };
  for (const code of formulas.keys()) visit(code);
  return { ok: true, order };
}

function shortestCycle(
  start: string,
  members: ReadonlySet<string>,
  edges: (code: string) => readonly string[],
): string[] {
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const code = queue[head] as string;
    for (const next of edges(code)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = code; at !== start; at = previous.get(at) as string) path.push(at);
        path.push(start);
        // path is start, then the predecessors back to start: reverse the middle to read forwards.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!previous.has(next) && next !== start) {
        previous.set(next, code);
        queue.push(next);
      }
    }
  }
  return [start, start]; // unreachable for a strongly connected group
}
