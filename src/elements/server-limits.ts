import { msg } from '@lit/localize';

/**
 * How much of a server's answer the elements render (issue 17, finding 6). An answer within the
 * client's 5 MB cap can still hold 20,000 questions, 100,000 answers in one list or one 5 MB
 * description: rendered whole, each froze the page for seconds to minutes. No real service needs
 * more than this; what is cut is said on the page (`cutNote()`) and in the console for the council
 * (`warnCut()`). No DOM, no Lit here.
 */

/** Questions (attributes) shown for one service, in `order`. */
export const MAX_ATTRIBUTES = 100;
/** Answers (values) shown for one list question: a `<select>` of hundreds is still usable, thousands are not. */
export const MAX_VALUES = 500;
/** Characters of a name: a service, an answer, a group, a status. */
export const MAX_NAME = 200;
/** Characters of a description: a service's, a question and its hint, a notice, a server's error. */
export const MAX_DESCRIPTION = 2_000;
/** Characters of a report's own text and the council's notes (a resident may write 4,000). */
export const MAX_NOTE = 5_000;
/** Updates shown for one report (the latest). */
export const MAX_UPDATES = 100;

/** What was cut from one answer: set by the `cap*` helpers, read to show the note once. */
export interface Cut {
  /** Text was shortened or a list was cut. */
  any: boolean;
  /** What was cut, in the council's terms, for the console. */
  readonly what: Set<string>;
}

export function newCut(): Cut {
  return { any: false, what: new Set() };
}

/**
 * `text` cut to `max` characters (the last one an ellipsis), never splitting a surrogate pair;
 * `cut` records it. Undefined stays undefined.
 */
export function capText<T extends string | undefined>(text: T, max: number, cut: Cut, what: string): T {
  if (text === undefined || text.length <= max) return text;
  cut.any = true;
  cut.what.add(`${what} longer than ${max} characters`);
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…` as T;
}

/** The first `max` items of `list`; `cut` records it. */
export function capList<T>(list: readonly T[], max: number, cut: Cut, what: string): readonly T[] {
  if (list.length <= max) return list;
  cut.any = true;
  cut.what.add(`${what}: ${list.length}, more than ${max}`);
  return list.slice(0, max);
}

const warned = new WeakMap<object, Set<string>>();

/**
 * Tells the council, once per element and cut, what its server sent that the page did not show
 * in full: a console warning, never an error (the page works with what it shows).
 */
export function warnCut(element: HTMLElement, cut: Cut): void {
  if (!cut.any) return;
  const seen = warned.get(element) ?? new Set<string>();
  warned.set(element, seen);
  const fresh = [...cut.what].filter((w) => !seen.has(w));
  if (fresh.length === 0) return;
  for (const w of fresh) seen.add(w);
  console.warn(`<${element.localName}>: the Open311 server sent more than this element shows, so it was cut: ${fresh.join('; ')}.`);
}

/** The note for residents when text from the council's system was shortened or a list cut. */
export function cutNote(): string {
  return msg("Some of the information from the council's system was too long to show in full here, so it has been shortened.", {
    id: 'common.some-of-information-from-councils-system',
  });
}
