/**
 * ESLint (flat config) for the whole repository: `npm run lint` runs it with lit-analyzer and
 * `prettier --check` (scripts/lint.mjs).
 *
 * - Every file: ESLint's recommended rules; TypeScript and ES modules through typescript-eslint.
 * - src/ and the browser tests (TypeScript): typescript-eslint's type-aware rules (the program
 *   tsconfig.json already describes, so it costs one type-check), eslint-plugin-lit and eslint-plugin-wc
 *   (their recommended sets, plus wc's best practices).
 * - Node code (gateway/, doctor/, bin/, scripts/, demo/server/, the Node tests): Node's globals.
 *   Browser scripts (demo pages, test pages): the browser's.
 * Rules turned off say why beside them. Formatting is Prettier's job (prettier.config.mjs), not ESLint's.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const TS = ['**/*.ts'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'release/',
      '.tmp/',
      '.data/',
      '**/node_modules/',
      'src/i18n/generated/',
      'xliff/',
      // The WordPress plugin is PHP plus an editor script written against WordPress's globals; its
      // assets are copied from dist/.
      'wordpress/',
      // Fixtures are inputs as they are (hostile payloads; test/repo/lint.test.mjs lints its own).
      'test/fixtures/',
      'packages/georeport-server/hostile/',
      'packages/georeport-server/data/',
      'gateway/test/fixtures/',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  // Rules for every file.
  {
    rules: {
      // Unused names are errors, but `_`-prefixed ones say "unused on purpose" (a callback's position,
      // a destructured field left out of a rest object); `catch {}` is used where the error is not needed.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // An empty `catch {}` says "best effort" (storage that may be full, a port that may be closed);
      // empty functions are used as no-op callbacks.
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@typescript-eslint/no-empty-function': 'off',
      // It flags a first value that every path then overwrites (`let ok = false; try { ok = … } catch
      // { ok = false }`): written for the reader, never a bug here.
      'no-useless-assignment': 'off',
    },
  },

  // TypeScript: src/ and the browser tests, type-aware.
  {
    files: TS,
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    extends: [...tseslint.configs.recommendedTypeCheckedOnly],
    rules: {
      // Lit's event handlers and `firstUpdated()` start promises the element does not wait for, on
      // purpose (Task and `updateComplete` report their own outcome); tsc's strict checks already
      // catch a missing `await` where a value is used.
      '@typescript-eslint/no-floating-promises': 'off',
      // `@click=${this.handleX}`-style handlers are passed as methods: Lit binds them to the host.
      '@typescript-eslint/unbound-method': 'off',
      // Template literals with numbers and the `{ error }` of a Task are formatted on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: false }],
      // Passing an abort signal's `reason` (typed `any`) or a caught `unknown` on to `reject()` is how
      // cancellation travels; wrapping it would change what callers see.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    // With src/: the element the lint's own test (test/repo/lint.test.mjs) checks these rules against.
    files: ['src/**/*.ts', 'test/fixtures/lint/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice']],
    settings: {
      // Every element extends LitElement, most through the localised base class.
      wc: { elementBaseClasses: ['LitElement', 'LocalizedElement'] },
    },
    rules: {
      // For elements whose base class may lack `connectedCallback()`; LitElement always has it, and
      // TypeScript's `override` already checks that the method exists.
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    extends: [lit.configs['flat/recommended']],
    rules: {
      // chai's `expect(x).to.be.true` is an expression statement by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // @open-wc/testing's `oneEvent()` resolves to `any`; the tests read the event's `detail` from it
      // and assert on the values, which is the check.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Fakes of async APIs (`async fetch() { return new Response(…) }`) keep the real signature
      // without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // The fakes log the URL they were called with (`String(input)`): the client always passes a string.
      '@typescript-eslint/no-base-to-string': 'off',
      // A test awaits a user action such as `click()` so the next step comes a microtask later, as a
      // person's would; removing the await would change the timing the test was written against.
      '@typescript-eslint/await-thenable': 'off',
      // `'loaded' | 'error' | string` names the common outcomes for the reader.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // `${id}` in an expected string: an undefined id fails the assertion, which is the point.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // Written as `el.textContent!` before TypeScript 5.9's DOM types made `Element.textContent` a
      // string; harmless, and left for the next edit of each test rather than one sweep.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },

  // JavaScript: Node unless listed as a browser script below.
  {
    files: JS,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser scripts: the demo pages' and the test pages' own scripts.
    files: ['demo/*.js', 'demo/bench/*.js', 'test/pages/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Runs in the page and in Node (open311-doctor and the configurator share the probes), or is
    // Node code that hands functions to a page (the bench).
    files: ['doctor/**', 'src/configure/**', 'scripts/bench.mjs', 'scripts/bench/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // End-to-end tests hand functions to the page (`page.evaluate(() => document…)`).
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
