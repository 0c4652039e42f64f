// A consistent public API (issue 18), read from the Custom Elements Manifest (dist/custom-elements.json,
// written by `npm run build`) and the composite's templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);

async function elements() {
  const manifest = JSON.parse(await readFile(new URL('dist/custom-elements.json', root), 'utf8'));
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

test('every boolean attribute of every element defaults to false (it names what it changes)', async () => {
  const booleans = (await elements()).flatMap((d) =>
    (d.attributes ?? []).filter((a) => /\bboolean\b/.test(a.type?.text ?? '')).map((a) => ({ where: `<${d.tagName}> ${a.name}`, default: a.default })),
  );
  assert.ok(booleans.length >= 15, `only ${booleans.length} boolean attributes found`);
  assert.deepEqual(
    booleans.filter((b) => b.default !== 'false').map((b) => `${b.where} = ${b.default}`),
    [],
  );
});

test('an attribute means the same on every element that has it: services and groups are codes and names (text)', async () => {
  for (const d of await elements()) {
    for (const a of d.attributes ?? []) {
      if (a.name === 'services' || a.name === 'groups') assert.match(a.type?.text ?? '', /^string( \| undefined)?$/, `<${d.tagName}> ${a.name}`);
    }
  }
});

test('<open311-report> passes on every part of each element it renders (exportparts)', async () => {
  const parts = new Map((await elements()).map((d) => [d.tagName, (d.cssParts ?? []).map((p) => p.name).sort()]));
  const { EXPORTED_PARTS } = await loadParts();
  const dir = new URL('src/elements/report/', root);
  const rendered = new Set();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.ts')) continue;
    const text = await readFile(new URL(name, dir), 'utf8');
    // Each child element's opening tag in a template: it must carry its exportparts.
    for (const m of text.matchAll(/<(open311-[a-z-]+)(\s[^>]*)>/g)) {
      if (m[0].includes('*')) continue; // JSDoc
      rendered.add(m[1]);
      assert.match(m[2] ?? '', new RegExp(`exportparts=\\$\\{EXPORTED_PARTS\\['${m[1]}'\\]\\}`), `${name}: <${m[1]}> has no exportparts`);
    }
  }
  assert.ok(rendered.size >= 4, `only ${[...rendered].join(', ')} found in the composite's templates`);
  for (const tag of rendered) {
    assert.ok(parts.has(tag), `${tag} is in the manifest`);
    const exported = EXPORTED_PARTS[tag]
      .split(',')
      .map((p) => p.trim())
      .sort();
    assert.deepEqual(exported, parts.get(tag), `${tag}: report/parts.ts lists its @csspart names`);
  }
});

/** report/parts.ts (the first screen's) and later-parts.ts are plain data: read their object literals without compiling TypeScript. */
async function loadParts() {
  const EXPORTED_PARTS = {};
  for (const file of ['parts.ts', 'later-parts.ts']) {
    const text = await readFile(new URL(`src/elements/report/${file}`, root), 'utf8');
    const body = /EXPORTED_PARTS = (\{[\s\S]*?\}) as const/.exec(text)[1];
    Object.assign(EXPORTED_PARTS, Function(`return (${body});`)());
  }
  return { EXPORTED_PARTS };
}
