import type { Service } from '../../open311/models.js';

/**
 * Pure helpers of `<open311-service-chooser>`: which services to offer, how to search them and how
 * to group them. No DOM, no Lit, so they are quick to test and quick to run on 1,000 services.
 */

/** FMS keywords that mean "not for the public" (shared/open311.md §2.3): such services are never offered. */
const HIDDEN_KEYWORDS = new Set(['staff', 'inactive']);

/**
 * Folds text for matching: lower case, accents removed (`Gießen` ~ `giessen` is beyond this, but
 * `Café` ~ `cafe` and `Ffordd` ~ `ffôrdd` are not), and every run of punctuation or spaces made one
 * space, so `fly-tipping`, `fly tipping` and `Fly–Tipping` all match.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits a comma-separated attribute (`services="PTH-01, BIN OVERFLOW"`) into trimmed, non-empty items. */
export function commaList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One service made ready for search: the folded name, description and keywords, computed once. */
export interface IndexedService {
  readonly service: Service;
  readonly haystack: string;
}

/** What the page asked to offer: a subset by code and/or by group name (both compared as written, trimmed). */
export interface Subset {
  readonly codes?: readonly string[];
  readonly groups?: readonly string[];
}

/** True for services that are offered to the public (no FMS `staff` or `inactive` keyword). */
export function isPublic(service: Service): boolean {
  return !service.keywords.some((k) => HIDDEN_KEYWORDS.has(k.trim().toLowerCase()));
}

/**
 * The services to offer, in server order, each with its search text. A subset by codes keeps the
 * listed services; a subset by groups keeps services in any of those groups; with both, a service
 * is kept when either list names it (a parish page: "our three groups, plus dog fouling").
 * `extraText` adds more words to search (the council's translated name and description).
 */
export function indexServices(services: readonly Service[], subset: Subset = {}, extraText?: (service: Service) => string): IndexedService[] {
  const codes = subset.codes?.length ? new Set(subset.codes) : undefined;
  const groups = subset.groups?.length ? new Set(subset.groups.map(fold)) : undefined;
  const out: IndexedService[] = [];
  for (const service of services) {
    if (!isPublic(service)) continue;
    if (codes || groups) {
      const byCode = codes?.has(service.code) ?? false;
      const byGroup = groups ? service.groups.some((g) => groups.has(fold(g))) : false;
      if (!byCode && !byGroup) continue;
    }
    const words = [service.name, service.description ?? '', service.keywords.join(' '), extraText?.(service) ?? ''];
    const haystack = fold(words.join(' '));
    out.push({ service, haystack });
  }
  return out;
}

/** The services whose text contains every word of the query (in any order); all of them for an empty query. */
export function search(index: readonly IndexedService[], query: string): IndexedService[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...index];
  return index.filter((entry) => words.every((w) => entry.haystack.includes(w)));
}

/** A catalogue of more services than this shows at most {@link FIRST_SHOWN} at a time, with a "Show all" button. */
export const MAX_WHOLE = 100;
/** How many matches a long catalogue shows before "Show all". */
export const FIRST_SHOWN = 30;

/**
 * The matches to render. A catalogue of up to {@link MAX_WHOLE} services shows every match, as
 * GOV.UK radios do. A longer one (hundreds of radios are no use to anyone, and a keystroke that
 * swaps them costs more than a frame) shows the first {@link FIRST_SHOWN} matches in server order,
 * plus the chosen service (`value`) if it is further down, so a resident coming back to this step
 * still sees their choice.
 */
export function firstShown(found: readonly Service[], total: number, value = ''): readonly Service[] {
  if (total <= MAX_WHOLE || found.length <= FIRST_SHOWN) return found;
  const first = found.slice(0, FIRST_SHOWN);
  if (value && !first.some((s) => s.code === value)) {
    const chosen = found.find((s) => s.code === value);
    if (chosen) first.push(chosen);
  }
  return first;
}

/** A heading and its services; `other` marks the group of services that have none. */
export interface ServiceGroup {
  readonly name: string;
  readonly other: boolean;
  readonly services: readonly Service[];
}

/**
 * Groups services under their headings in the order the server first names them; a service in
 * two groups is listed in both; services with no group go last, under `otherName`.
 */
export function groupServices(services: readonly Service[], otherName: string): ServiceGroup[] {
  const groups = new Map<string, Service[]>();
  const other: Service[] = [];
  for (const service of services) {
    if (service.groups.length === 0) {
      other.push(service);
      continue;
    }
    for (const g of service.groups) {
      const list = groups.get(g);
      if (list) list.push(service);
      else groups.set(g, [service]);
    }
  }
  // A server group that is itself called "Other" takes the ungrouped services too: one heading, not two.
  const same = groups.get(otherName);
  if (same && other.length) {
    const listed = new Set(same);
    for (const s of other) if (!listed.has(s)) same.push(s);
    other.length = 0;
  }
  const out: ServiceGroup[] = [...groups].map(([name, list]) => ({ name, other: false, services: list }));
  if (other.length) out.push({ name: otherName, other: true, services: other });
  return out;
}
