import type { Loose } from './models.js';

/**
 * Turns response bodies into loose trees keyed by element name, so that one set of normalisers
 * reads both formats. Deliberately not a generic XML→JSON converter (Spark/Parker both have traps,
 * open311.md §3.2 items 8–9): lists are found by name later, in `normalise.ts`. The XML reader is
 * in `xml.ts` (loaded by `loadXmlReader()`), so that a client downloads it only when a server answers XML.
 */

export type { XmlElement, XmlParser, XmlTree } from './xml.js';

let xmlReader: Promise<typeof import('./xml.js')> | undefined;

/** The XML reader (`parseXml`), loaded once, on first use; a failed load is tried again next time. */
export function loadXmlReader(): Promise<typeof import('./xml.js')> {
  xmlReader ??= import('./xml.js').catch((e: unknown) => {
    xmlReader = undefined;
    throw e;
  });
  return xmlReader;
}

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
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(head|body|h1|p|div|title)\b/.test(start)) return 'html';
  if (start.startsWith('<')) return 'xml';
  return 'other';
}

/** A short plain-text excerpt of an HTML or text body, for error messages (never rendered as HTML). */
export function textExcerpt(text: string, max = 200): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? '';
  const strip = (html: string): string =>
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  const excerpt = strip(text) || strip(title);
  return excerpt.length > max ? `${excerpt.slice(0, max - 1)}…` : excerpt;
}
