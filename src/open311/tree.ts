import type { Loose } from './models.js';
import { onFirstUse } from './once.js';

/**
 * Turns response bodies into loose trees keyed by element name, so that one set of normalisers
 * reads both formats. Deliberately not a generic XML→JSON converter (Spark/Parker both have traps,
 * open311.md §3.2 items 8–9): lists are found by name later, in `normalise.ts`. The XML reader is
 * in `xml.ts` (loaded by `loadXmlReader()`), so that a client downloads it only when a server answers XML.
 */

export type { XmlElement, XmlParser, XmlTree } from './xml.js';

/** The XML reader (`parseXml`), loaded once, on first use; a failed load is tried again next time. */
export const loadXmlReader: () => Promise<typeof import('./xml.js')> = onFirstUse(() => import('./xml.js'));

/**
 * The error for an answer that is not what was asked for (`answerError`), with the readers of a
 * server's error list and of an error page's words, loaded once, on the first such answer: a first
 * screen that gets its service list never downloads them.
 */
export const loadAnswerError: () => Promise<typeof import('./answer-error.js')> = onFirstUse(() => import('./answer-error.js'));

/** Deeper than any real Open311 document; stops hostile nesting from exhausting the stack. */
const MAX_DEPTH = 64;

/** Parses JSON, refusing nesting deeper than any Open311 document (hostile bodies). */
export function parseJson(text: string): Loose {
  const value = JSON.parse(text) as unknown;
  checkDepth(value, 0);
  return value as Loose;
}

function checkDepth(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new SyntaxError('JSON nested too deeply');
  if (Array.isArray(value)) for (const v of value) checkDepth(v, depth + 1);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) checkDepth(v, depth + 1);
}

/** What a body looks like from its first characters (Content-Type is unreliable: open311.md §3.1 item 2). */
export function sniff(text: string): 'json' | 'xml' | 'html' | 'other' {
  // The first 200 characters after any BOM and white space, without copying the whole body.
  const first = text.search(/[^\s\uFEFF]/);
  const start = first === -1 ? '' : text.slice(first, first + 200).toLowerCase();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(head|body|h1|p|div|title)\b/.test(start)) return 'html';
  if (start.startsWith('<')) return 'xml';
  return 'other';
}
