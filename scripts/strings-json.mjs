// Lists every user-facing string for councils who want to change the wording (README, "Change any
// wording"), from the translation file that lit-localize extracts (xliff/cy.xlf):
//  - dist/strings.json: id → { en, cy, placeholders?, description?, overridable?, formerly? } (formerly:
//    the ids the message had before issue 18, which still work until the next major version), in the order of the
//    XLIFF file (roughly: by element, in the order the resident meets them);
//  - src/i18n/generated/message-shapes.ts: id → number of placeholders (-1: the English holds
//    markup, such as a link, and cannot be replaced by text), which the `strings` override loader
//    uses to check an override before it takes effect (loaded lazily, only when a page overrides).
// Run by `npm run build` after `lit-localize build`. The XLIFF is lit-localize's own; which messages
// are html`` comes from the sources (scripts/message-ids.mjs reads them with TypeScript's parser).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readRenamed, sourceMessages } from './message-ids.mjs';

const root = new URL('../', import.meta.url);
const xliff = readFileSync(new URL('xliff/cy.xlf', root), 'utf8');

const entities = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s) =>
  s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (_, name, dec, hex) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : entities[name],
  );

const PLURAL = /[.-](zero|one|two|few|many|other)$/;

/** Ids of html`` messages (the XLIFF does not say which they are): their text is not enough to rebuild them. */
/** New id -> the ids it had before (src/i18n/renamed-ids.ts), still accepted until the next major version. */
const formerly = {};
for (const [old, id] of Object.entries(readRenamed())) (formerly[id] ??= []).push(old);

const htmlIds = new Set(
  sourceMessages()
    .filter((m) => m.html)
    .map((m) => m.id),
);

/** A <source>/<target> body as text with `${N}` placeholders; `markup` when a placeholder is not an expression. */
function text(body) {
  const placeholders = {};
  let markup = false;
  const out = body.replace(/<x\s+id="(\d+)"(?:\s+equiv-text="([^"]*)")?\s*\/>/g, (_, id, equiv = '') => {
    const expr = decode(equiv);
    if (/^\$\{[\s\S]*\}$/.test(expr)) placeholders[`\${${id}}`] = expr.slice(2, -1);
    else markup = true;
    return `\${${id}}`;
  });
  return { text: decode(out), placeholders, markup };
}

const strings = {};
const shapes = {};
for (const [, id, unit] of xliff.matchAll(/<trans-unit\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)) {
  const source = /<source>([\s\S]*?)<\/source>/.exec(unit);
  if (!source) continue;
  const target = /<target>([\s\S]*?)<\/target>/.exec(unit);
  const note = /<note[^>]*>([\s\S]*?)<\/note>/.exec(unit);
  const en = text(source[1]);
  const markup = en.markup || htmlIds.has(id);
  const entry = { en: en.text };
  if (target) entry.cy = text(target[1]).text;
  const count = Object.keys(en.placeholders).length;
  if (count) entry.placeholders = en.placeholders;
  const description = [];
  if (note) description.push(decode(note[1]).trim());
  const plural = PLURAL.exec(id);
  if (plural) {
    description.push(
      `Shown when the number is in the "${plural[1]}" plural category of the page's language ` +
        '(English uses "one" and "other"; Welsh uses zero, one, two, few, many and other).',
    );
  }
  if (markup) description.push('Holds a link or other markup, so it cannot be replaced by text.');
  if (description.length) entry.description = description.join(' ');
  if (markup) entry.overridable = false;
  if (formerly[id]) entry.formerly = formerly[id];
  strings[id] = entry;
  shapes[id] = markup ? -1 : count;
}

mkdirSync(new URL('dist/', root), { recursive: true });
writeFileSync(new URL('dist/strings.json', root), `${JSON.stringify(strings, null, 2)}\n`);
mkdirSync(new URL('src/i18n/generated/', root), { recursive: true });
writeFileSync(
  new URL('src/i18n/generated/message-shapes.ts', root),
  `// Do not modify this file by hand! Written by scripts/strings-json.mjs from xliff/cy.xlf.\n\n` +
    `/** Every message id → how many placeholders its English has (\`\${0}\`…); -1: it holds markup. */\n` +
    `export const shapes: Readonly<Record<string, number>> = ${JSON.stringify(shapes)};\n`,
);
