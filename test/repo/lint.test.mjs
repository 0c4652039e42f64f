// The lint catches what it is there for: ESLint (the repository's own eslint.config.mjs, through its
// Node API) reports a mistake written into a correct Lit element, and lit-analyzer reports a string bound
// to a number property. Each check also runs on the correct version, which must pass, so a lint that
// reports everything (or nothing) fails here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../', import.meta.url));
const probe = 'test/fixtures/lint/probe-element.ts';

// lit-analyzer runs in its own process, started now so that it works while ESLint does (2 cores).
const analysed = new Promise((resolve) => {
  const bin = fileURLToPath(new URL('../../node_modules/.bin/lit-analyzer', import.meta.url));
  execFile(bin, ['test/fixtures/lint/bindings.ts', '--strict', '--noColor', '--format', 'list'], { cwd: root }, (error, stdout, stderr) =>
    resolve({ code: error ? error.code : 0, out: stdout + stderr }),
  );
});

test('ESLint passes a correct element and reports a constructor attribute and a duplicate binding written into it', async () => {
  // ignore: false, because test/fixtures/ is outside what `npm run lint` checks.
  const eslint = new ESLint({ cwd: root, ignore: false });
  const good = await readFile(new URL(`../../${probe}`, import.meta.url), 'utf8');
  const bad = good
    .replace('override connectedCallback(): void {\n    super.connectedCallback();', 'constructor() {\n    super();')
    .replace('html`<input .value=${String(this.zoom)} />`', 'html`<input .value=${String(this.zoom)} .value=${"0"} />`');
  assert.notEqual(bad, good, 'the test could not write its mistakes into the fixture');

  const [asIs] = await eslint.lintText(good, { filePath: probe });
  const [broken] = await eslint.lintText(bad, { filePath: probe });
  assert.deepEqual(
    asIs.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`),
    [],
    'the correct element passes',
  );
  const rules = broken.messages.map((m) => m.ruleId);
  assert.ok(rules.includes('wc/no-constructor-attributes'), `setAttribute() in the constructor is reported (got ${rules.join(', ')})`);
  assert.ok(rules.includes('lit/no-duplicate-template-bindings'), `two .value bindings are reported (got ${rules.join(', ')})`);
});

test('lit-analyzer reports a string bound to a number property, and only that binding', async () => {
  const { code, out } = await analysed;
  assert.equal(code, 1, `lit-analyzer fails the file:\n${out}`);
  const problems = out.split('\n').filter((l) => /^\s+\d+:\d+\s+(error|warning)/.test(l));
  assert.equal(problems.length, 1, `one problem, the wrong binding:\n${out}`);
  // Line 6 is `.zoom=${'far'}`; line 5, `.zoom=${17}`, is right.
  assert.match(problems[0], /^\s+6:\d+\s+error\s+Type '"far"' is not assignable to 'number'/);
});
