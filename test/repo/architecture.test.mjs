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
