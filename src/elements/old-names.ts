/**
 * The public API's old spellings (issue 18: boolean attributes that defaulted to true or pointed the
 * wrong way, properties renamed so that one name means one thing in every element). Each keeps
 * working until the next major version, and the console says once per page which name to use now.
 * The CHANGELOG ("Unreleased — next major") lists them all. No Lit here.
 *
 * Old attributes are not declared as properties, so the manifest and the docs list only the new
 * names: an element lists them in its static `oldAttributes`, and the base class every element
 * shares (i18n/localized-element.ts) observes them and sets the new property, synchronously, as
 * for any attribute.
 */

const noted = new Set<string>();

/** One console note per element and old name, e.g. "<open311-report> the map-first attribute … use map-at-once". */
export function noteDeprecated(host: Element, old: string, now: string): void {
  const key = `${host.localName} ${old}`;
  if (noted.has(key)) return;
  noted.add(key);
  console.warn(`open311-elements: <${host.localName}> ${old} is deprecated; use ${now} instead (the old spelling works until the next major version).`);
}

/**
 * An old attribute: the attribute it is now, the property that attribute sets, and that property's
 * value for the old attribute's value (null: removed).
 */
export interface OldAttribute {
  readonly now: string;
  readonly property: string;
  readonly value: (attribute: string | null) => unknown;
}

/** Sets the new property from an old attribute's value, with the console note when it is given. */
export function readOldAttribute(host: Element, name: string, old: OldAttribute, value: string | null): void {
  if (value !== null) noteDeprecated(host, `the ${name} attribute`, `the ${old.now} attribute`);
  (host as unknown as Record<string, unknown>)[old.property] = old.value(value);
}
