// Rules of the codebase that a reviewer would otherwise have to remember (STYLE.md, issue 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

async function files(dir) {
  const out = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (/\.(ts|mjs|js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

test('the Open311 client imports nothing from Lit or maplibre', async () => {
  for (const file of await files('src/open311')) {
    const text = await readFile(join(root, file), 'utf8');
    assert.doesNotMatch(text, /from\s+['"](lit|@lit\/|maplibre-gl)/, file);
    assert.doesNotMatch(text, /import\(\s*['"](lit|maplibre-gl)/, file);
  }
});

test('only src/map/ imports maplibre-gl', async () => {
  for (const file of await files('src')) {
    if (file.startsWith('src/map/')) continue;
    const text = await readFile(join(root, file), 'utf8');
    assert.doesNotMatch(text, /['"]maplibre-gl['"]/, file);
  }
});

test('no innerHTML, unsafeHTML or document.write in src/', async () => {
  for (const file of await files('src')) {
    const text = await readFile(join(root, file), 'utf8');
    assert.doesNotMatch(text, /unsafeHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/, file);
  }
});

// Issue 18: the composite wires; controllers do the work.

/** The relative static imports of each src/**\/*.ts file (`import type` and `import()` are not edges). */
async function staticImportGraph() {
  const ts = (await import('typescript')).default;
  const graph = new Map();
  for (const file of await files('src')) {
    if (!file.endsWith('.ts')) continue;
    const text = await readFile(join(root, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const edges = [];
    for (const node of source.statements) {
      let spec;
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        // `import type { X }` and `import { type X, type Y }` carry nothing at run time.
        if (clause?.isTypeOnly) continue;
        const named = clause?.namedBindings;
        if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length && named.elements.every((e) => e.isTypeOnly)) continue;
        spec = node.moduleSpecifier;
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        if (node.isTypeOnly) continue;
        spec = node.moduleSpecifier;
      }
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
      edges.push(join(file, '..', spec.text.replace(/\.js$/, '.ts')));
    }
    graph.set(file, edges);
  }
  return graph;
}

test('no static import cycles in src/', async () => {
  const graph = await staticImportGraph();
  const cycles = [];
  const state = new Map(); // file -> 'open' while on the path, 'done' after
  const path = [];
  const visit = (file) => {
    if (state.get(file) === 'done' || !graph.has(file)) return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file)) visit(next);
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  assert.deepEqual(cycles, [], 'static import cycles');
});

test('the report composite (src/elements/report/) holds no send, queue or upload logic', async () => {
  // Those live in src/controllers/submission.ts, loaded with import() when the resident reaches the
  // steps that need it. Markers of each: client calls that send or look for a sent report, the
  // online/offline queue, cross-tab claims, and the photo upload.
  const markers = [
    [/\.submitRequest\(|findSubmitted|postRequest/, 'a client call that sends (or looks for a sent report)'],
    [/navigator\.onLine|addEventListener\(\s*['"]online['"]/, 'the offline queue'],
    [/navigator\.locks|BroadcastChannel|open311:send:/, 'a cross-tab claim'],
    [/new FormData|XMLHttpRequest|\.upload\.addEventListener/, 'a photo upload'],
  ];
  for (const file of await files('src/elements/report')) {
    const text = await readFile(join(root, file), 'utf8');
    for (const [pattern, what] of markers) assert.doesNotMatch(text, pattern, `${file}: ${what}`);
  }
});

test('the report composite reads no private fields through casts', async () => {
  for (const file of await files('src/elements/report')) {
    const text = await readFile(join(root, file), 'utf8');
    assert.doesNotMatch(text, /as unknown as|as any\b/, file);
    assert.doesNotMatch(text, /\b(SendHost|ViewHost)\b/, `${file}: a host interface listing the element's private members`);
  }
});

test('the first screen of <open311-report> does not carry the send path or the later steps', async () => {
  // Reached from report.ts by static imports only: the bytes of the "where" step. The send path
  // (src/controllers/submission.ts) and the later steps' views come by import() (steps.ts).
  const graph = await staticImportGraph();
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) walk(next);
  };
  walk('src/elements/report/report.ts');
  for (const late of [
    'src/controllers/submission.ts',
    'src/elements/report/steps.ts',
    'src/elements/report/later-steps.ts',
    'src/elements/report/check.ts',
    'src/elements/report/confirmation.ts',
    // Reading and saving drafts comes at the first touch (or before the first render when one is kept): issue 18.
    'src/elements/report/draft.ts',
  ]) {
    assert.ok(!seen.has(late), `${late} is statically imported by the first screen`);
  }
  assert.ok(seen.has('src/elements/report/draft-state.ts'), 'the walk follows static imports (the draft shown is on the first screen)');
});
