import type { StrResult, TemplateMap } from '@lit/localize';
import { allLocales } from './generated/locale-codes.js';
import { supportedLocale } from './localize.js';
import { applyOverrides } from './localize-runtime.js';
import type { Locale, StringsTable } from './localize.js';

/**
 * A council's own wording for any of the widget's strings: the `strings` attribute on every element
 * and `setStrings()` (localize.ts). Loaded lazily, only by pages that override something; it checks
 * each override against the message's English (generated/message-shapes.ts, from xliff/cy.xlf by
 * scripts/strings-json.mjs) and hands the good ones to localize.ts.
 *
 * ```json
 * { "en": { "report.your-reference-number": "Your reference number",
 *           "form.count.left.other": "${0} characters left" },
 *   "cy": { "report.your-reference-number": "Eich rhif cyfeirnod" } }
 * ```
 *
 * Ids are readable and stay the same when the English is reworded. The ids of before (hashes of the
 * English such as `s0efe77e4702a5a3c`, and `form-count-left-other`) still work until the next major
 * version: renamed-ids.ts, loaded only when a table uses a key that is not a message id, says what
 * each became, and the console says so once per old id.
 *
 * Overrides are text: they are rendered as text wherever they appear, never parsed as HTML. A
 * placeholder is `${N}`, the N-th value in the English (`dist/strings.json` shows them); an override
 * must use every placeholder its English has, and no other, in any order.
 */

/** A placeholder as councils write it, or anything that looks like the start of one. */
const PLACEHOLDER = /\$\{(\d+)\}/g;

/** Why an override cannot be used, or the template the runtime will use for it. */
type Checked = { readonly template: TemplateMap[string] } | { readonly problem: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The runtime's form of a `str` template: text parts and, between them, the indexes of the values. */
function strTemplate(text: string): TemplateMap[string] {
  const strings: string[] = [];
  const values: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    strings.push(text.slice(last, m.index));
    values.push(Number(m[1]));
    last = (m.index ?? 0) + m[0].length;
  }
  strings.push(text.slice(last));
  if (values.length === 0) return text;
  // The runtime only joins `strings` with the values at the indexes in `values` (joinStringsAndValues);
  // it never reads `raw`, so a plain array stands in for the TemplateStringsArray a `str` tag makes.
  return { strTag: true, strings: strings as unknown as TemplateStringsArray, values } as unknown as StrResult;
}

/** Checks one override against its message: known id, text, the same placeholders as the English. */
export function checkOverride(id: string, text: unknown, shapes: Readonly<Record<string, number>>): Checked {
  const count = Object.hasOwn(shapes, id) ? shapes[id] : undefined;
  if (count === undefined) return { problem: `${id}: no such message id (see strings.json)` };
  if (count < 0) return { problem: `${id}: this message holds a link or markup and cannot be replaced` };
  if (typeof text !== 'string' || text.trim() === '') return { problem: `${id}: the override must be non-empty text` };
  const used = new Set<number>();
  for (const m of text.matchAll(PLACEHOLDER)) used.add(Number(m[1]));
  const stray = text.replace(PLACEHOLDER, '').includes('${');
  const expected = Array.from({ length: count }, (_, i) => `\${${i}}`).join(' ') || 'none';
  if (stray || used.size !== count || [...used].some((n) => n >= count)) {
    return { problem: `${id}: the override must use the placeholders ${expected}, each at least once, and no others` };
  }
  return { template: strTemplate(text) };
}

/** Old ids already pointed out on this page: one console note for each. */
const noted = new Set<string>();

/** Says once per page that an old id was renamed (it still works until the next major version). */
function noteRenamed(old: string, id: string): void {
  if (noted.has(old)) return;
  noted.add(old);
  console.warn(
    `open311-elements: the message id "${old}" was renamed to "${id}"; please use the new id in your strings table ` +
      '(the old one works until the next major version).',
  );
}

/** Every key of every language in a table (to know whether the table of renamed ids is needed). */
function keys(json: unknown): string[] {
  return isObject(json) ? Object.values(json).flatMap((entries) => (isObject(entries) ? Object.keys(entries) : [])) : [];
}

/**
 * Reads a table: languages (`en`, `cy`, or tags such as `en-GB`) of id → text; the good entries and
 * the problems. `renamed` (old id → id) is consulted only for a key that is not a message id; a
 * table that gives both an old id and its new one keeps the new one's text.
 */
export function parseStrings(
  json: unknown,
  shapes: Readonly<Record<string, number>>,
  renamed: Readonly<Record<string, string>> = {},
): { readonly table: Partial<Record<Locale, TemplateMap>>; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const table: Partial<Record<Locale, TemplateMap>> = {};
  if (!isObject(json)) return { table, problems: ['the table must be a JSON object of languages, such as { "en": { … }, "cy": { … } }'] };
  for (const [tag, entries] of Object.entries(json)) {
    const locale = supportedLocale(tag);
    const base = tag.trim().toLowerCase().split('-')[0];
    if (base !== locale || !(allLocales as readonly string[]).includes(locale)) {
      problems.push(`"${tag}": not a language of this widget (${allLocales.join(', ')})`);
      continue;
    }
    if (!isObject(entries)) {
      problems.push(`"${tag}": must be an object of message id → text`);
      continue;
    }
    const out = (table[locale] ??= {});
    const direct = new Set<string>();
    for (const [key, text] of Object.entries(entries)) {
      const renamedTo = !Object.hasOwn(shapes, key) && Object.hasOwn(renamed, key) ? renamed[key] : undefined;
      const id = renamedTo ?? key;
      const checked = checkOverride(id, text, shapes);
      if ('problem' in checked) {
        problems.push(`${tag} ${renamedTo ? `${key} (now ${checked.problem})` : checked.problem}`);
        continue;
      }
      if (renamedTo) noteRenamed(key, renamedTo);
      if (renamedTo && direct.has(id)) continue;
      if (!renamedTo) direct.add(id);
      out[id] = checked.template;
    }
  }
  return { table, problems };
}

/** One warning per table, listing everything in it that could not be used. */
function warn(source: string, problems: readonly string[], whole = false): void {
  if (problems.length === 0) return;
  const what = whole ? `the strings in ${source} could not be used` : `some of the strings in ${source} were not used`;
  console.warn(`open311-elements: ${what}; the widget's own words show instead.\n- ${problems.join('\n- ')}`);
}

/** The table a `strings` value names: inline JSON (it starts with `{`) or a URL; undefined (and why) when unusable. */
async function read(source: string): Promise<{ json?: unknown; problem?: string }> {
  if (source.startsWith('{')) {
    try {
      return { json: JSON.parse(source) };
    } catch {
      return { problem: 'the inline JSON could not be read' };
    }
  }
  let url: URL;
  try {
    url = new URL(source, document.baseURI);
  } catch {
    return { problem: 'it is neither JSON nor a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'the URL must be http(s)' };
  try {
    const response = await fetch(url.href, { headers: { Accept: 'application/json' } });
    if (!response.ok) return { problem: `the server answered ${response.status}` };
    return { json: (await response.json()) as unknown };
  } catch {
    return { problem: 'it could not be fetched or is not JSON' };
  }
}

/** Each attribute value (inline JSON or URL) is read, checked and warned about once per page. */
const done = new Map<string, Promise<void>>();

/** Applies a table (object, inline JSON or URL); one console warning lists whatever could not be used. */
export function useStrings(table: StringsTable | string): Promise<void> {
  if (typeof table !== 'string') return apply(table, 'setStrings()');
  const source = table.trim();
  if (!source) return Promise.resolve();
  let pending = done.get(source);
  if (!pending) {
    const label = source.startsWith('{') ? 'the strings attribute' : source;
    pending = read(source).then(({ json, problem }) => (problem ? warn(label, [problem], true) : apply(json, label)));
    done.set(source, pending);
  }
  return pending;
}

async function apply(json: unknown, label: string): Promise<void> {
  const { shapes } = await import('./generated/message-shapes.js');
  // The old ids (issue 18) only for a table that uses a key no message has: most pages never load them.
  const old = keys(json).some((key) => !Object.hasOwn(shapes, key)) ? (await import('./renamed-ids.js')).renamed : {};
  const { table, problems } = parseStrings(json, shapes, old);
  warn(label, problems);
  applyOverrides(table);
}
