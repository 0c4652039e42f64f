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

export function languageTable(table: CouncilText | undefined, locale: string): LanguageTable | undefined {
  return table?.languages[locale.toLowerCase()];
}

/** The translation when there is one; otherwise the server's text, marked with its language when the page's differs. */
export function pick(original: string, translated: string | undefined, table: CouncilText | undefined, locale: string): LocalText {
  const source = table?.sourceLang ?? 'en';
  const same = locale.toLowerCase() === source.toLowerCase();
  if (translated !== undefined && translated.trim() !== '' && !same) return { text: translated, lang: locale };
  return same ? { text: original } : { text: original, lang: source };
}

// What a service chooser shows (service and group names); the form's questions, answers, notices and
// statuses are read by council-text.ts, which re-exports these: a first screen with only the
// chooser does not download the form's lookups.

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
