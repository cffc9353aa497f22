/**
 * Fails when the modules under a folder (default `src`) import each other in a cycle. Every relative import counts,
 * `import type` included: a cycle of types is still two modules that cannot be understood one without the other.
 *
 *   node scripts/check-cycles.ts [folder]     → exit 0, or exit 1 listing each cycle as a → b → … → a
 *
 * Part of `npm run check`; test/tooling/check.test.ts shows it failing on a cycle.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The relative module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs.filter((s) => s.startsWith('.'));
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Each import cycle among the source files under `root`, as the list of files on it (relative to `root`). */
export function findImportCycles(root: string): string[][] {
  const files = sourceFiles(root);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    graph.set(
      f,
      importsOf(f)
        .map((s) => resolve(f, s))
        .filter((x): x is string => x !== null && SOURCE.test(x)),
    );
  }
  // Tarjan's strongly connected components; a component of more than one file (or a file importing itself) is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(cyclePath(graph, component));
    }
  };
  for (const f of [...graph.keys()].sort()) if (!idx.has(f)) strong(f);
  return cycles.map((c) => c.map((f) => path.relative(root, f)));
}

/** One concrete cycle through a strongly connected component, starting at its first file in sort order. */
function cyclePath(graph: Map<string, string[]>, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const pathBack = [v];
        while (pathBack[0] !== start) pathBack.unshift(previous.get(pathBack[0]!)!);
        return [...pathBack, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const root = path.resolve(process.argv[2] ?? 'src');
  const cycles = findImportCycles(root);
  if (cycles.length === 0) {
    console.log(`no import cycles in ${path.relative(process.cwd(), root) || '.'}`);
  } else {
    console.error(`${cycles.length} import cycle(s) in ${path.relative(process.cwd(), root) || '.'}:`);
    for (const c of cycles) console.error(`  ${c.join(' → ')}`);
    process.exitCode = 1;
  }
}
