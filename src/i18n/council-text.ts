import { getLocale } from './localize.js';

/**
 * The council's own text in other languages: service names and descriptions, group headings,
 * questions, answer labels, notices and status words, as a page gives them in a `translations`
 * attribute (inline JSON or a URL). Pure lookups, no DOM and no Lit: each returns the words to show
 * and the `lang` to put on the element that wraps them, so a screen reader pronounces English server
 * text as English on a Welsh page.
 *
 * ```json
 * { "sourceLang": "en",
 *   "cy": { "services": { "PTH-01": { "name": "Twll yn y ffordd", "description": "…" } },
 *           "groups": { "Roads and pavements": "Ffyrdd a phalmentydd" },
 *           "attributes": { "PTH-01": { "DEPTH": { "description": "Pa mor ddwfn yw’r twll?", "hint": "…",
 *                                                  "values": { "DEEP": "Mwy na 10 cm" } } } },
 *           "notices": { "English notice or disable message": "…" },
 *           "statuses": { "in_progress": "…" } } }
 * ```
 */

/** A service's name and description in one language. */
export interface ServiceText {
  readonly name?: string;
  readonly description?: string;
}

/** A question (or notice) in one language: its text, its hint and its answer labels by value key. */
export interface AttributeText {
  readonly description?: string;
  readonly hint?: string;
  readonly values?: Readonly<Record<string, string>>;
}

/** Everything translated into one language. */
export interface LanguageTable {
  readonly services?: Readonly<Record<string, ServiceText>>;
  readonly groups?: Readonly<Record<string, string>>;
  /** By service code, then attribute code. */
  readonly attributes?: Readonly<Record<string, Readonly<Record<string, AttributeText>>>>;
  /** By the English text itself: notices, disable messages and any other free text. */
  readonly notices?: Readonly<Record<string, string>>;
  /** By status word (`open`, `closed`, or a server's own such as `in_progress`). */
  readonly statuses?: Readonly<Record<string, string>>;
}

/** The parsed `translations` table: languages by code, and the language of the server's own text. */
export interface CouncilText {
  /** The language the server writes in. Default `en`. */
  readonly sourceLang: string;
  readonly languages: Readonly<Record<string, LanguageTable>>;
}

/** Words to show, and the `lang` for the element around them (undefined: the page's language is right). */
export interface LocalText {
  readonly text: string;
  readonly lang?: string;
}

/**
 * The table a `translations` attribute names: inline JSON (it starts with `{`) or an http(s) or
 * relative URL, fetched once per page. Any failure gives undefined: the English text is shown.
 * The reader (council-text-load.ts) is fetched only when there is a table to read: most pages
 * have none, and the lookups below are all a first screen needs.
 */
export function loadCouncilText(source: string | null | undefined): Promise<CouncilText | undefined> {
  if (!source?.trim()) return Promise.resolve(undefined);
  return import('./council-text-load.js').then(
    (m) => m.loadCouncilText(source),
    () => undefined,
  );
}

function languageTable(table: CouncilText | undefined, locale: string): LanguageTable | undefined {
  return table?.languages[locale.toLowerCase()];
}

/** The translation when there is one; otherwise the server's text, marked with its language when the page's differs. */
function pick(original: string, translated: string | undefined, table: CouncilText | undefined, locale: string): LocalText {
  const source = table?.sourceLang ?? 'en';
  const same = locale.toLowerCase() === source.toLowerCase();
  if (translated !== undefined && translated.trim() !== '' && !same) return { text: translated, lang: locale };
  return same ? { text: original } : { text: original, lang: source };
}

/** A service's name. */
export function serviceName(table: CouncilText | undefined, code: string, name: string, locale: string = getLocale()): LocalText {
  return pick(name, languageTable(table, locale)?.services?.[code]?.name, table, locale);
}

/** A service's description. */
export function serviceDescription(table: CouncilText | undefined, code: string, description: string, locale: string = getLocale()): LocalText {
  return pick(description, languageTable(table, locale)?.services?.[code]?.description, table, locale);
}

/** A group heading (looked up by the server's group name). */
export function groupName(table: CouncilText | undefined, group: string, locale: string = getLocale()): LocalText {
  return pick(group, languageTable(table, locale)?.groups?.[group], table, locale);
}

function attributeText(table: CouncilText | undefined, service: string | undefined, attribute: string, locale: string): AttributeText | undefined {
  return service === undefined ? undefined : languageTable(table, locale)?.attributes?.[service]?.[attribute];
}

/**
 * A question's text. For a notice (`variable=false`) the `notices` map, keyed by the English text,
 * is tried when the attribute itself has no translation.
 */
export function attributeDescription(
  table: CouncilText | undefined,
  service: string | undefined,
  attribute: string,
  description: string,
  locale: string = getLocale(),
): LocalText {
  const own = attributeText(table, service, attribute, locale)?.description;
  return pick(description, own ?? languageTable(table, locale)?.notices?.[description], table, locale);
}

/** A question's hint (`datatype_description`). */
export function attributeHint(
  table: CouncilText | undefined,
  service: string | undefined,
  attribute: string,
  hint: string,
  locale: string = getLocale(),
): LocalText {
  return pick(hint, attributeText(table, service, attribute, locale)?.hint, table, locale);
}

/** An answer's label, by its value key. */
export function valueName(
  table: CouncilText | undefined,
  service: string | undefined,
  attribute: string,
  key: string,
  name: string,
  locale: string = getLocale(),
): LocalText {
  return pick(name, attributeText(table, service, attribute, locale)?.values?.[key], table, locale);
}

/** A notice, disable message or other free server text, by the text itself. */
export function notice(table: CouncilText | undefined, text: string, locale: string = getLocale()): LocalText {
  return pick(text, languageTable(table, locale)?.notices?.[text], table, locale);
}

/** A status word (`open`, `closed`, `in_progress`), or the words the server sent for it. */
export function statusText(table: CouncilText | undefined, status: string, text: string, locale: string = getLocale()): LocalText {
  return pick(text, languageTable(table, locale)?.statuses?.[status], table, locale);
}
