import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { createHash } from 'node:crypto';
import MagicString from 'magic-string';
import { walk } from 'estree-walker';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const maplibreDist = new URL('./node_modules/maplibre-gl/dist/', import.meta.url);

/**
 * maplibre-gl in one lazy chunk (TOOLCHAIN.md): its stylesheet becomes a module in that chunk
 * (src/map/maplibre-css.ts is replaced by one holding the CSS text), and its module worker is
 * emitted next to the chunks, where maplibre looks for it (`new URL('./maplibre-gl-worker.mjs',
 * import.meta.url)`). The worker ships as `chunks/maplibre-gl-worker-<hash>.js`, not `.mjs` (issue 20):
 * many council web servers (IIS by default) do not serve `.mjs` as JavaScript, or at all; every
 * server maps `.js`, and a module worker needs only a JavaScript MIME type. maplibre's own code is
 * changed to ask for that name; the build fails if maplibre stops naming its worker that way. The
 * hash in the name lets servers cache everything in chunks/ for ever (hosting/).
 */
const workerSource = readFileSync(new URL('maplibre-gl-worker.mjs', maplibreDist), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
const workerName = `maplibre-gl-worker-${createHash('sha256').update(workerSource).digest('base64url').slice(0, 8)}.js`;

function maplibreAssets() {
  return {
    name: 'open311-maplibre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/node_modules/maplibre-gl/dist/maplibre-gl.mjs')) return null;
      if (!code.includes('maplibre-gl-worker.mjs')) this.error('maplibre-gl no longer names its worker maplibre-gl-worker.mjs: update rollup.config.mjs');
      return { code: code.replaceAll('maplibre-gl-worker.mjs', workerName), map: null };
    },
    load(id) {
      if (!id.replaceAll('\\', '/').endsWith('/src/map/maplibre-css.ts')) return null;
      const css = readFileSync(new URL('maplibre-gl.css', maplibreDist), 'utf8');
      return [
        '// maplibre-gl.css, built in by rollup.config.mjs.',
        'let sheet;',
        'export function maplibreSheet() {',
        `  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(${JSON.stringify(css)}); }`,
        '  return Promise.resolve(sheet);',
        '}',
      ].join('\n');
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: `chunks/${workerName}`, source: workerSource });
    },
  };
}

/**
 * @lit/localize's runtime works out a message's id by hashing its English (FNV-1a) whenever a
 * `msg()` call gives none. Every `msg()` here gives one (`node scripts/message-ids.mjs` writes them;
 * `npm test` checks), so that code never runs, but the runtime imports it unconditionally and it
 * cost every first screen ~0.5 KB gzip. Lit's maintainers describe the same waste for runtime mode
 * with explicit ids (lit/lit#1469, open); until the library ships a build without it, the hashing
 * module is swapped, at build time only, for one that gives no id: a call without one would show
 * its English source (the runtime's fallback for an unknown id) rather than a translation. The
 * rest of the runtime is the library's own, unchanged.
 */
function localizeWithoutIdHashing() {
  return {
    name: 'open311-localize-explicit-ids',
    load(id) {
      if (!id.replaceAll('\\', '/').endsWith('/node_modules/@lit/localize/internal/id-generation.js')) return null;
      return "// Replaced by rollup.config.mjs: every msg() has an explicit id.\nexport const generateMsgId = () => '';\n";
    },
  };
}

/** Terser for everything but the maplibre chunk, already minified (re-minifying costs ~5 s for under 1 %). */
function terserExceptMaplibre(options) {
  const plugin = terser(options);
  return {
    ...plugin,
    renderChunk(code, chunk, outputOptions, meta) {
      if (chunk.name === 'maplibre') return null;
      return plugin.renderChunk.call(this, code, chunk, outputOptions, meta);
    },
  };
}

/** Every chunk `fileName` imports statically, directly or not (`chunks`: rollup's chunks by file name). */
function staticImports(chunks, fileName, seen = new Set()) {
  for (const dep of chunks[fileName]?.imports ?? []) {
    if (!seen.has(dep)) {
      seen.add(dep);
      staticImports(chunks, dep, seen);
    }
  }
  return seen;
}

/**
 * Each lazily imported chunk's own static imports are asked for at the same moment as the chunk
 * (`<link rel="modulepreload">`), not one round trip later when the browser has read it: on a weak
 * signal every round trip costs 0.4 s or more (issue 12, Slow 3G). Rollup writes `import('./x.js')`;
 * this turns it into `(preload([...x's static imports not already loaded here]), import('./x.js'))`.
 * The names are rollup's hash placeholders, so the final names (and hashes) stay consistent.
 *
 * Kept home-made on purpose (issue 18 asked for rollup's own option or a maintained plugin): rollup
 * has no modulepreload option (Vite's preload helper is Vite's own), and rollup-plugin-modulepreload
 * writes <link> tags into HTML files the build emits; these chunks run in councils' pages, whose
 * HTML we never build, so the links must be added by the chunk at the moment it imports another.
 */
function preloadLazyChunkImports(loaderChunks) {
  const helper = '__open311Preload';
  return {
    name: 'open311-preload-lazy-imports',
    renderChunk(code, chunk, _options, meta) {
      // Only where a resident waits for the answer: an element's first screen (the loader). The
      // report's later steps and the map picker's tools are fetched at the resident's first touch,
      // well before they are needed, so a helper copy in those chunks would cost first-screen bytes
      // for no gain.
      if (!chunk.dynamicImports.length || !loaderChunks.includes(chunk.name)) return null;
      const staticClosure = (fileName) => staticImports(meta.chunks, fileName);
      const loaded = staticClosure(chunk.fileName);
      const dir = posix.dirname(chunk.fileName);
      const rel = (fileName) => {
        const r = posix.relative(dir, fileName);
        return r.startsWith('.') ? r : `./${r}`;
      };
      let changed = false;
      let out = code;
      // Once per target: two loaders importing the same module list it twice.
      for (const target of new Set(chunk.dynamicImports)) {
        const deps = [...staticClosure(target)].filter((d) => d !== chunk.fileName && !loaded.has(d));
        if (!deps.length) continue;
        const spec = rel(target);
        const list = JSON.stringify(deps.map(rel));
        for (const quote of ["'", '"']) {
          const call = `import(${quote}${spec}${quote})`;
          if (out.includes(call)) {
            out = out.split(call).join(`(${helper}(${list}), ${call})`);
            changed = true;
          }
        }
      }
      if (!changed) return null;
      // A link already there for the same module is harmless: the browser fetches each module once.
      const fn =
        `const ${helper} = (deps) => {\n` +
        `  if (typeof document === 'undefined') return;\n` +
        `  for (const dep of deps) {\n` +
        `    const link = document.createElement('link');\n` +
        `    link.rel = 'modulepreload';\n` +
        `    link.href = new URL(dep, import.meta.url).href;\n` +
        `    document.head.append(link);\n` +
        `  }\n` +
        `};\n`;
      return { code: fn + out, map: null };
    },
  };
}

/**
 * What every build compiles with (each build its own instances): the sources to minified chunks, the
 * lazy imports of the loader, in the chunks named `loaderChunks`, with their chunks' imports preloaded.
 */
function compiling(loaderChunks, beforeMinifying = []) {
  return [
    maplibreAssets(),
    localizeWithoutIdHashing(),
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({ tsconfig: './tsconfig.build.json', outputToFilesystem: true }),
    // After typescript: it compiles from the files on disk, ignoring earlier transforms.
    // The CSS in css`…` templates, minified by Lit's own plugin (lightningcss): maintained, and it
    // parses the CSS rather than matching regular expressions (the home-made minifier it replaced
    // took the apostrophe in a comment of host.styles.ts for a string and left the rest unminified).
    // html`…` is left as written: minifying it saved under 0.1 KB gzip per first screen, cannot
    // parse the tracker's static-tag templates, and would change whitespace the text relies on.
    minifyLiterals({ include: ['src/**'], failOnError: true, options: { shouldMinify: () => false } }),
    preloadLazyChunkImports(loaderChunks),
    ...beforeMinifying,
    terserExceptMaplibre({ ecma: 2022, module: true, format: { comments: false } }),
  ];
}

/**
 * A drop-in's later chunks reach the drop-in by the address the page loaded it from. Rollup has them
 * import what they share with it from `'../open311-report.js'`; a page that loads
 * `open311-report.js?ver=2` (WordPress adds `?ver=` to every script it includes) would then fetch
 * and run a second copy at the plain address, whose state is not the page's: the Welsh set up in one
 * copy, the elements drawn by the other, in English. So the drop-in notes its own address
 * (`import.meta.url`, query and all) under a key of this version, and each later chunk imports
 * that: `const { a: b } = await import(address)`. The chunks are only ever fetched by the drop-in's
 * code once it has run, so every binding they take is set by then; the build fails if one of them
 * could still change afterwards (a `let` assigned again), which a copied value would miss.
 */
function entryByItsOwnAddress(entryFile) {
  const key = JSON.stringify(`open311-elements@${JSON.parse(readFileSync('package.json', 'utf8')).version}/${entryFile}`);
  const address = `globalThis[Symbol.for(${key})]`;
  return {
    name: 'open311-entry-by-its-own-address',
    // @lit/localize's `msg` is such a `let`: the runtime installs the translating one when a page
    // first needs it, maybe after a chunk has taken it. Here it is a constant that calls whichever
    // is installed, the same for every caller (they only call it).
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/node_modules/@lit/localize/init/install.js')) return null;
      const declared = 'export let msg = defaultMsg;';
      const installed = '    msg = impl;';
      if (!code.includes(declared) || !code.includes(installed))
        this.error('@lit/localize no longer installs msg as rollup.config.mjs expects: update entryByItsOwnAddress');
      return {
        code: code
          .replace(declared, 'let installedMsg = defaultMsg;\nexport const msg = (...args) => installedMsg(...args);')
          .replace(installed, '    installedMsg = impl;'),
        map: null,
      };
    },
    renderChunk(code, chunk) {
      const out = new MagicString(code);
      const ast = this.parse(code);
      if (chunk.isEntry && chunk.fileName === entryFile) {
        const reassigned = new Set();
        walk(ast, {
          enter(node) {
            const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
            if (target?.type === 'Identifier') reassigned.add(target.name);
          },
        });
        const lets = new Set();
        for (const node of ast.body)
          if (node.type === 'VariableDeclaration' && node.kind !== 'const')
            for (const d of node.declarations) if (d.id.type === 'Identifier' && reassigned.has(d.id.name)) lets.add(d.id.name);
        for (const node of ast.body)
          if (node.type === 'ExportNamedDeclaration' && !node.source)
            for (const spec of node.specifiers)
              if (lets.has(spec.local.name))
                this.error(`${entryFile} exports ${spec.local.name}, assigned again after it is declared: a later chunk would keep its first value`);
        out.prepend(`${address} ??= import.meta.url;\n`);
        return { code: out.toString(), map: null };
      }
      let changed = false;
      let reexported = 0;
      const fromEntry = (node) => node.source && posix.normalize(posix.join(posix.dirname(chunk.fileName), node.source.value)) === entryFile;
      const name = (n) => (n.type === 'Identifier' ? n.name : JSON.stringify(n.value));
      for (const node of ast.body) {
        // import { a as b } from '../entry.js'  →  const { a: b } = await import(address)
        // export { a as b } from '../entry.js'  →  const { a: __entry0 } = await import(address); export { __entry0 as b }
        if (!fromEntry(node)) continue;
        if (node.type !== 'ImportDeclaration' && node.type !== 'ExportNamedDeclaration') this.error(`${chunk.fileName}: a ${node.type} of ${entryFile}`);
        const bindings = [];
        const exported = [];
        for (const spec of node.specifiers) {
          if (spec.type !== 'ImportSpecifier' && spec.type !== 'ExportSpecifier')
            this.error(`${chunk.fileName}: an import of ${entryFile} that is not by name`);
          if (spec.type === 'ImportSpecifier') bindings.push(`${name(spec.imported)}: ${spec.local.name}`);
          else {
            const local = `__entry${reexported++}`;
            bindings.push(`${name(spec.local)}: ${local}`);
            exported.push(`${local} as ${name(spec.exported)}`);
          }
        }
        const fallback = JSON.stringify(node.source.value);
        const take = `${bindings.length ? `const { ${bindings.join(', ')} } = ` : ''}await import(${address} ?? ${fallback});`;
        out.overwrite(node.start, node.end, exported.length ? `${take}\nexport { ${exported.join(', ')} };` : take);
        changed = true;
      }
      return changed ? { code: out.toString(), map: null } : null;
    },
  };
}

/**
 * The chunks the main build cuts: maplibre on its own (not a name ending in -dev.mjs: maplibre would
 * then ask for a -dev worker), Lit, and the client's two halves.
 */
function sharedChunks(id) {
  const path = id.replaceAll('\\', '/');
  if (path.includes('/node_modules/maplibre-gl/') || path.endsWith('/src/map/maplibre-css.ts')) return 'maplibre';
  // Lit, and the part of @lit/localize every element uses (msg, str, the status event and the
  // controller that listens for it), in one chunk: the runtime (localize-runtime.ts, lazy) shares
  // msg's module with the elements, and without this rollup cut that module and str into two
  // files of 0.2 KB of their own on every first screen (issue 18).
  if (/\/node_modules\/(?:lit\/index|lit-html\/lit-html|lit-element\/lit-element|@lit\/reactive-element\/(?:reactive-element|css-tag))\.js$/.test(path))
    return 'lit';
  if (/\/node_modules\/@lit\/localize\/(?:init\/install|internal\/(?:str-tag|locale-status-event|default-msg|localized-controller))\.js$/.test(path))
    return 'lit';
  // The client in two chunks: what a first screen needs (the HTTP layer, errors, the service
  // list and its reader), and what only later steps need (service definitions, sending, reading
  // reports, tokens and updates, with their readers, and the small modules only those steps use:
  // urls, status, dedupe), which client.ts fetches with import() on first use. The error for an
  // answer that went wrong (answer-error) and its readers (excerpt, error-list) are there too: a
  // first screen fetches them only when an answer goes wrong, and a chunk of their own would be
  // one more file for a few hundred bytes.
  if (/\/src\/open311\/(?:client|transport|errors|fields|service-list|tree|once|models)\.ts$/.test(path)) return 'client';
  if (/\/src\/open311\/(?:calls|definition|requests|discovery|urls|status|dedupe|excerpt|error-list|answer-error)\.ts$/.test(path)) return 'client-calls';
  return undefined;
}

/**
 * dist/open311-elements.js: the drop-in entry that registers every element.
 * dist/index.js: the package's entry: the drop-in's exports and the "my reports" helpers.
 * dist/open311.js: the protocol client alone (no Lit), for pages and servers that want only that.
 * dist/open311-client.js: the same client without the readers' own exports (toServiceRequests, …),
 * whose code it fetches on first use: what a page's script imports on a first screen.
 * dist/elements.js: every element class, statically, for applications built with a bundler.
 * Lazy chunks (locales, the map) go to dist/chunks/ with content hashes, so uploading a new
 * version beside an old one never breaks a page that still holds the old entry.
 */
const main = {
  input: {
    'open311-elements': 'src/index.ts',
    // The package's entry: the drop-in's exports and the "my reports" helpers (package-entry.ts).
    index: 'src/package-entry.ts',
    open311: 'src/open311/index.ts',
    // The client alone, without the readers dist/open311.js also exports: for a page's first screen.
    'open311-client': 'src/open311/client-entry.ts',
    elements: 'src/elements.ts',
    embed: 'src/embed.ts',
    'embed-host': 'src/embed-host.ts',
    // dist/configure.html's script (issue 21): open311-doctor's probes, run from the browser.
    configure: 'src/configure/configure.mjs',
  },
  preserveEntrySignatures: 'allow-extension',
  treeshake: {
    // @lit/localize's index re-exports its runtime, whose module does work when it loads (a resolved
    // Deferred), so rollup kept it, and the runtime-msg it imports, in every first screen that calls
    // msg(). That work matters only once configureLocalization() runs, which src/i18n/localize-runtime.ts
    // does when a page first needs Welsh or a council's wording: marked free of side effects, the
    // runtime goes to that lazy chunk (issue 18; the TODO in lit-localize.js says the same).
    moduleSideEffects: (id) => !/[\\/]@lit[\\/]localize[\\/]init[\\/](?:runtime|transform)\.js$/.test(id),
  },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks: sharedChunks,
    sourcemap: false,
  },
  plugins: [
    {
      // dist/embed.html and its stylesheet, beside dist/embed.js (the iframe fallback, issue 12), and
      // its settings (issue 17): embed.json, the local demo's (for `npm start`), and
      // embed.sample.json, a council's to copy (the release ships only the sample).
      name: 'open311-embed-page',
      generateBundle() {
        for (const file of ['embed.html', 'embed.css', 'embed.json', 'embed.sample.json']) {
          this.emitFile({ type: 'asset', fileName: file, source: readFileSync(new URL(`./src/${file}`, import.meta.url), 'utf8') });
        }
      },
    },
    {
      // dist/configure.html and its stylesheet (issue 21). Its script imports doctor/probe.mjs, which
      // names the client as the package does ('open311-elements/open311'): here that is the source,
      // so the page shares the widget's own chunks instead of a second copy of the client.
      name: 'open311-configure-page',
      resolveId(source) {
        return source === 'open311-elements/open311' ? this.resolve('./src/open311/index.ts', new URL('./rollup.config.mjs', import.meta.url).pathname) : null;
      },
      generateBundle() {
        for (const file of ['configure.html', 'configure.css']) {
          this.emitFile({ type: 'asset', fileName: file, source: readFileSync(new URL(`./src/configure/${file}`, import.meta.url), 'utf8') });
        }
      },
    },
    {
      // dist/embed-host.js runs as a classic <script src> as well as a module (issue 20): no import
      // or export may appear in it (a shared chunk, or an export kept for the signature).
      name: 'open311-embed-host-classic',
      renderChunk(code, chunk) {
        if (chunk.name !== 'embed-host') return null;
        if (
          chunk.imports.length ||
          chunk.dynamicImports.length ||
          chunk.exports.length ||
          /^\s*(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b/m.test(code)
        ) {
          this.error('dist/embed-host.js must have no import or export: it is loaded as a classic script too');
        }
        return null;
      },
    },
    ...compiling(['autoload']),
  ],
};

/**
 * dist/open311-report.js and dist/open311-service-chooser.js: drop-ins for a page whose first screen
 * is that element (src/report-drop-in.ts, src/chooser-drop-in.ts): dist/open311-elements.js (the
 * same exports, and the same loader for any other element in the page) with everything that first
 * screen runs (Lit, the loader, the client's first half, the element; the report's map picker
 * without its map) in that one file. Each is built on its own, so its later code is in chunks of its
 * own (`chunks/<prefix>.*`, content-hashed like the rest).
 *
 * They were once the generic drop-in preceded by static imports of those chunks, which spared a
 * round trip on a slow network but still cost a wait: the browser reads a module's imports only when
 * its main thread is free, and on a page's first load that is after it has laid out and painted the
 * council's page, so the chunks came one frame later. In one file, the element's code runs straight
 * after that frame (issue 18, 4× CPU, alternating cold loads of the report's page, 13 each: first
 * usable control 912 vs 1071 ms, and 783 vs 924 ms, 03:40 UTC).
 *
 * The cost: a page that also loads dist/open311-elements.js (or the other drop-in) has two copies of
 * the code; the first to define each element wins (define.ts), as with two versions of the script.
 */
function dropIn(name, input, prefix) {
  return {
    input: { [name]: input },
    preserveEntrySignatures: 'allow-extension',
    treeshake: main.treeshake,
    output: {
      ...main.output,
      chunkFileNames: `chunks/${prefix}.[name]-[hash].js`,
      // The map in a chunk of its own (its worker is looked for beside it); the rest as rollup cuts
      // it. Naming the client's later calls here too would pull what they import (the first half,
      // which the drop-in needs at once) into that lazy chunk.
      manualChunks: (id) => (sharedChunks(id) === 'maplibre' ? 'maplibre' : undefined),
    },
    // The loader is in the drop-in itself here.
    plugins: compiling([name], [entryByItsOwnAddress(`${name}.js`)]),
  };
}

export default [main, dropIn('open311-report', 'src/report-drop-in.ts', 'report'), dropIn('open311-service-chooser', 'src/chooser-drop-in.ts', 'chooser')];
