/**
 * The council's own text in other languages (the table, its loader and the service lookups are in
 * `service-text.ts`): here, the lookups of the report form's questions, answers and notices, and
 * of statuses. Pure lookups, no DOM and no Lit.
 */
import { getLocale } from './localize.js';
import { languageTable, pick } from './service-text.js';
import type { AttributeText, CouncilText, LocalText } from './service-text.js';

export * from './service-text.js';

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
