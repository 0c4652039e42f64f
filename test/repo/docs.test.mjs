// The docs councils act on: every link in README.md and docs/ leads somewhere, the README keeps its two
// commands, and the element tables in docs/ say what the code says (dist/custom-elements.json, written by
// `npm run build` from the elements' JSDoc; `npm run docs` rewrites the tables from it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import GithubSlugger from 'github-slugger';
import { ELEMENTS_PAGE, cell, elementsOf, markdownFiles, renderDocs, renderPage } from '../../scripts/docs-tables.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file) => readFileSync(join(root, file), 'utf8');
const manifest = () => JSON.parse(read('dist/custom-elements.json'));

/** The text a heading shows (GitHub makes its anchor from this, not from the markdown). */
function plain(tokens) {
  return tokens.map((t) => (t.tokens ? plain(t.tokens) : t.type === 'html' ? '' : (t.text ?? ''))).join('');
}

/** The anchors GitHub gives a page: one per heading (repeats get -1, -2…) and any id/name in its HTML. */
const anchorCache = new Map();
function anchorsOf(file) {
  if (anchorCache.has(file)) return anchorCache.get(file);
  const text = readFileSync(file, 'utf8');
  const slugger = new GithubSlugger();
  const anchors = new Set();
  marked.walkTokens(marked.lexer(text), (t) => {
    if (t.type === 'heading') anchors.add(slugger.slug(plain(t.tokens)));
    if (t.type === 'html') for (const m of t.raw.matchAll(/\s(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  });
  anchorCache.set(file, anchors);
  return anchors;
}

/** Every link and image target in a page's markdown (not in code), and in its HTML's href/src. */
function linksOf(text) {
  const links = [];
  marked.walkTokens(marked.lexer(text), (t) => {
    if (t.type === 'link' || t.type === 'image') links.push(t.href);
    if (t.type === 'html') for (const m of t.raw.matchAll(/\s(?:href|src)="([^"]+)"/g)) links.push(m[1]);
  });
  return links;
}

const pages = () => ['README.md', ...markdownFiles(root)];

test('every relative link in README.md and docs/ leads to a file in the repository, and every #anchor to a heading there', () => {
  const broken = [];
  let checked = 0;
  for (const page of pages()) {
    for (const href of linksOf(read(page))) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) continue; // another site (https:, mailto:)
      checked++;
      const [path, anchor] = href.split('#');
      const target = path === '' ? join(root, page) : resolve(path.startsWith('/') ? root : dirname(join(root, page)), decodeURIComponent(path));
      const inside = relative(root, target);
      if (inside.startsWith('..') || inside.split(sep)[0] === '..') {
        broken.push(`${page}: ${href} points outside the repository`);
        continue;
      }
      if (!existsSync(target)) {
        broken.push(`${page}: ${href} (no such file)`);
        continue;
      }
      if (anchor === undefined) continue;
      const md = statSync(target).isDirectory() ? join(target, 'README.md') : target;
      if (!md.endsWith('.md') || !existsSync(md)) {
        broken.push(`${page}: ${href} has an anchor but leads to no markdown page`);
        continue;
      }
      if (!anchorsOf(md).has(decodeURIComponent(anchor))) broken.push(`${page}: ${href} (no heading "#${anchor}" in ${relative(root, md)})`);
    }
  }
  assert.ok(checked > 50, `only ${checked} relative links found: is the link reader still working?`);
  assert.deepEqual(broken, []);
});

test('the link check catches a missing page and a missing heading', () => {
  // The check above is only worth something if a broken link can fail it.
  assert.deepEqual(linksOf('[a](docs/nowhere.md) `[b](c.md)`\n\n```\n[d](e.md)\n```\n<a href="f.md">f</a>'), ['docs/nowhere.md', 'f.md']);
  assert.ok(!existsSync(join(root, 'docs/nowhere.md')));
  const anchors = anchorsOf(join(root, 'docs/council-web-teams/embedding.md'));
  assert.ok(anchors.has('when-your-cms-will-not-take-a-script-the-iframe'));
  assert.ok(!anchors.has('when-your-cms-takes-a-script'));
});

test('README.md keeps the two commands, the first running the demo and the second every test, which CI runs', () => {
  const readme = read('README.md');
  assert.match(
    readme,
    /```sh\nnpm ci && npm start {3}# builds, starts the local Open311 server and the sample council pages; prints the URL\nnpm test {14}# every test/,
  );
  const ci = read('.ci/run')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(ci.at(-1), 'npm test', '.ci/run ends by running exactly the README’s test command');
  assert.ok(
    ci.some((l) => /^npm ci\b/.test(l)),
    '.ci/run installs with npm ci first',
  );
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.scripts.test, 'node scripts/test.mjs');
  assert.match(pkg.scripts.start, /demo\/serve\.mjs/);
  assert.ok(readme.split('\n').length <= 200, 'the README stays short: the rest is in docs/');
  // The two lines are the ones the page for web teams explains, letter for letter.
  const twoLines = /```html\n(<script type="module"[\s\S]*?)```/.exec(readme);
  assert.ok(twoLines, 'the README has the two lines');
  assert.ok(read('docs/council-web-teams/embedding.md').includes(twoLines[1]), 'embedding.md has the same two lines');
  // The licence it names is the package's.
  assert.match(readme, new RegExp(`## Licence\\n\\n${pkg.license} `));
});

test('the element tables in docs/ are what `npm run docs` makes from dist/custom-elements.json', () => {
  const m = manifest();
  const stale = [...renderDocs(root, m)].filter(([, { before, after }]) => before !== after).map(([file]) => file);
  assert.deepEqual(stale, [], 'these pages differ from dist/custom-elements.json: run `npm run build && npm run docs`');
  // And so every element, and every attribute of each, is on the elements page.
  const page = read(ELEMENTS_PAGE);
  const elements = elementsOf(m);
  assert.ok(elements.length >= 5);
  for (const d of elements) {
    for (const kind of ['attributes', 'events', 'parts', 'css-properties'])
      assert.ok(page.includes(`<!-- generated:${d.tagName}:${kind} -->`), `${d.tagName} ${kind}`);
    for (const a of d.attributes ?? []) assert.ok(page.includes(`\`${a.name}\``), `${d.tagName}'s ${a.name}`);
  }
});

test('an attribute added to the JSDoc but not to the docs fails the check', () => {
  const m = manifest();
  const report = elementsOf(m).find((d) => d.tagName === 'open311-report');
  report.attributes.push({ name: 'brand-new-setting', type: { text: 'string' }, description: 'A setting the docs do not have yet.' });
  for (const file of [ELEMENTS_PAGE, 'docs/council-web-teams/settings.md']) {
    const text = read(file);
    const after = renderPage(text, m, { elementsPage: file === ELEMENTS_PAGE, file });
    assert.notEqual(after, text, `${file} would change`);
    assert.match(after, /\| `brand-new-setting` \| `string` \| — \| A setting the docs do not have yet\. \|/);
  }
});

test('a new element gets its own section, deprecated attributes say so, and a second run changes nothing', () => {
  const m = {
    modules: [
      {
        declarations: [
          {
            kind: 'class',
            tagName: 'open311-example',
            summary: 'An element the page has never seen.',
            attributes: [
              { name: 'new-name', type: { text: 'string | undefined' }, description: 'The name | with a pipe and <b>.', fieldName: 'newName' },
              { name: 'old-name', type: { text: 'string' }, default: "''", description: 'The old name.', deprecated: 'Use `new-name`.' },
              { name: 'older', type: { text: 'boolean' }, default: 'false', fieldName: 'older' },
            ],
            members: [{ kind: 'field', name: 'older', deprecated: 'true' }],
            events: [{ name: 'open311-example-change', description: 'It changed.' }],
            cssParts: [{ name: 'box', description: 'The box.' }],
            cssProperties: [{ name: '--open311-example', default: 'red', description: 'Its colour.' }],
          },
        ],
      },
    ],
  };
  const page = '# Elements\n\n<!-- generated:elements -->\n<!-- /generated -->\n';
  const once = renderPage(page, m, { elementsPage: true });
  assert.match(once, /- \[`<open311-example>`\]\(#open311-example\): An element the page has never seen\./);
  assert.match(once, /\n## `<open311-example>`\n/);
  assert.match(once, /\| `new-name` \| `string` \| — \| The name \\\| with a pipe and &lt;b&gt;\. \|/);
  assert.match(once, /\| ~~`old-name`~~ \(deprecated\) \| `string` \| `''` \| Deprecated: Use `new-name`\. The old name\. \|/);
  assert.match(once, /\| ~~`older`~~ \(deprecated\) \| `boolean` \| `false` \| — \|/);
  assert.match(once, /\| `open311-example-change` \| It changed\. \|/);
  assert.match(once, /\| `box` \| The box\. \|/);
  assert.match(once, /\| `--open311-example` \| `red` \| Its colour\. \|/);
  assert.match(once, /<!-- generated:open311-example:slots -->\nNo slots\.\n<!-- \/generated -->/);
  assert.equal(renderPage(once, m, { elementsPage: true }), once);
  // The section's anchor is the one the list links to.
  assert.equal(new GithubSlugger().slug('<open311-example>'), 'open311-example');
});

test('a table for an element or a kind the manifest does not have is an error, not a silent gap', () => {
  const m = manifest();
  assert.throws(
    () => renderPage('<!-- generated:open311-gone:attributes -->\n<!-- /generated -->\n', m, { file: 'x.md' }),
    /x\.md: a table for <open311-gone>/,
  );
  assert.throws(() => renderPage('<!-- generated:open311-report:colours -->\n<!-- /generated -->\n', m, { file: 'x.md' }), /unknown kind of table "colours"/);
  assert.equal(cell('`<open311-report>` and <open311-report>'), '`<open311-report>` and &lt;open311-report&gt;');
});

test('the iframe snippet and the Content-Security-Policy in the docs are the ones the end-to-end tests use', () => {
  // The iframe: docs/council-web-teams/embedding.md's snippet is the frame of test/pages/embed-900-*.html
  // (test/e2e/embed-height.e2e.test.mjs), its title and style letter for letter.
  const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const docIframe = /<iframe data-open311-embed[^>]*>/.exec(read('docs/council-web-teams/embedding.md').replace(/\s*\n\s*/g, ' '));
  assert.ok(docIframe, 'embedding.md has the iframe snippet');
  for (const page of ['none', 'classic', 'module']) {
    const tested = /<iframe data-open311-embed[^>]*>/.exec(read(`test/pages/embed-900-${page}.html`));
    assert.ok(tested, page);
    for (const name of ['title', 'style']) assert.equal(attrs(tested[0])[name], attrs(docIframe[0])[name], `${page}: ${name}`);
  }
  // The policy: docs/council-it/security.md's is test/e2e/csp.e2e.test.mjs's, directive for directive
  // (connect-src names the council's own origins in the docs, the local server's in the test).
  const directives = (policy) =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(/\s+/)[0], d]),
    );
  const security = read('docs/council-it/security.md');
  const docPolicy = /## The Content-Security-Policy[\s\S]*?```\n([\s\S]*?)```/.exec(security);
  assert.ok(docPolicy, 'security.md has the policy');
  const source = read('test/e2e/csp.e2e.test.mjs');
  const body = /export function strictCsp\([^)]*\) \{\s*return \[([\s\S]*?)\]\.join/.exec(source);
  assert.ok(body, 'csp.e2e.test.mjs still builds its policy in strictCsp()');
  const testedPolicy = [...body[1].matchAll(/"([^"]+)"|`([^`]+)`/g)].map((m) => m[1] ?? m[2]).join('; ');
  const documented = directives(docPolicy[1].replace(/\n/g, ' '));
  const tested = directives(testedPolicy);
  assert.deepEqual([...documented.keys()].sort(), [...tested.keys()].sort());
  for (const [name, value] of tested) {
    if (name === 'connect-src') assert.match(documented.get(name), /^connect-src 'self' </);
    else assert.equal(documented.get(name), value, name);
  }
});

test('the hand-written Welsh attribute table names only attributes the elements have', () => {
  // welsh.md's table is not generated (the manifest has no Welsh): at least its names must be real.
  const known = new Set(elementsOf(manifest()).flatMap((d) => (d.attributes ?? []).map((a) => a.name)));
  const welsh = read('docs/council-web-teams/welsh.md');
  const section = welsh.slice(welsh.indexOf('## Yn Gymraeg'));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| priodoledd') && !l.startsWith('|---'));
  assert.ok(rows.length >= 10, `the table's rows: ${rows.length}`);
  const named = rows.flatMap((r) => [...r.split('|')[1].matchAll(/`([a-z][a-z-]*)`/g)].map((m) => m[1])).filter((n) => n !== 'other-ways');
  assert.ok(named.length >= 15);
  assert.deepEqual(
    named.filter((n) => !known.has(n)),
    [],
  );
});
