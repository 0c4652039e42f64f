/**
 * The public API's old spellings (issue 18: boolean attributes that defaulted to true or pointed the
 * wrong way, properties renamed so that one name means one thing in every element). Each keeps
 * working until the next major version, and the console says once per page which name to use now.
 * The CHANGELOG ("Unreleased — next major") lists them all. No Lit here.
 *
 * Old attributes are not declared as properties, so the manifest and the docs list only the new
 * names. An element that has some lists them in its `observedAttributes` and hands them to
 * `readOldAttribute()` first in its `attributeChangedCallback`: synchronous, like any attribute.
 */

const noted = new Set<string>();

/** One console note per element and old name, e.g. "<open311-report> the map-first attribute … use map-at-once". */
export function noteDeprecated(host: Element, old: string, now: string): void {
  const key = `${host.localName} ${old}`;
  if (noted.has(key)) return;
  noted.add(key);
  console.warn(
    `open311-elements: <${host.localName}> ${old} is deprecated; use ${now} instead (the old spelling works until the next major version).`,
  );
}

/** What an old attribute is now, and how its value (null: removed) sets the new property. */
export interface OldAttribute<T extends Element> {
  readonly now: string;
  readonly apply: (host: T, value: string | null) => void;
}

/** Acts on an old attribute (true), or says it is not one (false: the element handles it as usual). */
export function readOldAttribute<T extends Element>(
  host: T,
  old: Readonly<Record<string, OldAttribute<T>>>,
  name: string,
  value: string | null,
): boolean {
  if (!Object.hasOwn(old, name)) return false;
  if (value !== null) noteDeprecated(host, `the ${name} attribute`, `the ${old[name].now} attribute`);
  old[name].apply(host, value);
  return true;
}
