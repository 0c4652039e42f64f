// The Custom Elements Manifest (dist/custom-elements.json, written by `npm run build`) is the API
// documentation councils and tools read: it must describe every element and every public event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);

test('custom-elements.json lists every tag, its attributes and every public event', async () => {
  const manifest = JSON.parse(await readFile(new URL('dist/custom-elements.json', root), 'utf8'));
  const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  assert.equal(pkg.customElements, 'dist/custom-elements.json');
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  const tags = elements.map((d) => d.tagName).sort();
  assert.deepEqual(tags, [
    'open311-map-picker',
    'open311-my-reports',
    'open311-report',
    'open311-report-form',
    'open311-service-chooser',
    'open311-status-tracker',
  ]);
  for (const d of elements) assert.ok((d.attributes ?? []).length > 0, `${d.tagName} has attributes`);
  const events = new Set(elements.flatMap((d) => (d.events ?? []).map((e) => e.name)));
  const source = await readFile(new URL('src/events.ts', root), 'utf8');
  const declared = [...source.matchAll(/static readonly eventName = '([\w-]+)'/g)].map((m) => m[1]);
  assert.ok(declared.length >= 8);
  for (const name of declared) assert.ok(events.has(name), `${name} is documented on some element`);
  for (const name of events) assert.ok(name.startsWith('open311-'), `${name} is a public event name`);
});

test('every element lists the server attributes (declared once, in ServerElement) with their descriptions', async () => {
  const manifest = JSON.parse(await readFile(new URL('dist/custom-elements.json', root), 'utf8'));
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  assert.equal(elements.length, 6);
  for (const d of elements) {
    const attributes = new Map((d.attributes ?? []).map((a) => [a.name, a]));
    for (const name of ['endpoint', 'jurisdiction', 'path-template', 'no-date-zone']) {
      const attribute = attributes.get(name);
      assert.ok(attribute, `${d.tagName} lists ${name}`);
      assert.ok((attribute.description ?? '').length > 20, `${d.tagName} documents ${name}`);
    }
    assert.ok(
      (d.members ?? []).some((m) => m.name === 'client' && m.description),
      `${d.tagName} documents its client property`,
    );
  }
});
