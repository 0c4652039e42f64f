import type { Loose } from './models.js';

/**
 * Turns response bodies into loose trees keyed by element name, so that one set of normalisers
 * reads both formats. Deliberately not a generic XML→JSON converter (Spark/Parker both have traps,
 * open311.md §3.2 items 8–9): lists are found by name later, in `normalise.ts`.
 */

/** A minimal DOMParser shape, so Node callers (the gateway) can inject one. */
export interface XmlParser {
  parseFromString(text: string, type: 'text/xml'): {
    documentElement: XmlElement | null;
    getElementsByTagName(name: string): { length: number };
  };
}

/** The part of a DOM Element the reader uses. */
export interface XmlElement {
  readonly localName?: string | null;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<XmlNode>;
}

interface XmlNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly localName?: string | null;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<XmlNode>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
/** Deeper than any real Open311 document; stops hostile nesting from exhausting the stack. */
const MAX_DEPTH = 64;

/** Element names to keys: namespaces dropped, `service-requests` read as `service_requests` (Klarschiff). */
function keyOf(node: XmlNode): string {
  const name = node.localName ?? node.nodeName.replace(/^.*:/, '');
  return name.replace(/-/g, '_').toLowerCase();
}

function elementToLoose(node: XmlNode, depth: number): Loose {
  if (depth > MAX_DEPTH) throw new SyntaxError('XML nested too deeply');
  const children: XmlNode[] = [];
  let text = '';
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i];
    if (child.nodeType === ELEMENT_NODE) children.push(child);
    else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) text += child.nodeValue ?? '';
  }
  if (children.length === 0) {
    const trimmed = text.trim();
    return trimmed === '' ? null : trimmed;
  }
  const out: { [key: string]: Loose } = {};
  for (const child of children) {
    const key = keyOf(child);
    const value = elementToLoose(child, depth + 1);
    if (!(key in out)) {
      out[key] = value;
    } else {
      const existing = out[key];
      // A repeated name is a list whatever the converter would have said.
      if (Array.isArray(existing) && (existing as Loose[] & { __repeated?: true }).__repeated) {
        existing.push(value);
      } else {
        const list: Loose[] & { __repeated?: true } = [existing, value];
        Object.defineProperty(list, '__repeated', { value: true, enumerable: false });
        out[key] = list;
      }
    }
  }
  return out;
}

/** Result of reading an XML body: the root element's name and its content. */
export interface XmlTree {
  readonly root: string;
  readonly value: Loose;
}

/**
 * Parses XML with the platform's DOMParser (browsers never fetch external entities; libxml2 and
 * Gecko cap entity expansion). Throws `SyntaxError` for anything that is not well-formed XML.
 */
export function parseXml(text: string, parser?: XmlParser): XmlTree {
  const p: XmlParser | undefined =
    parser ??
    (typeof DOMParser === 'function' ? (new DOMParser() as unknown as XmlParser) : undefined);
  if (!p) throw new SyntaxError('No XML parser is available here: pass one in the client options');
  // No Open311 document needs a DTD, and WebKit's parser expands internal entities without limit
  // (a "billion laughs" body grew to 3 MB in a test): refuse any document type declaration.
  if (/<!DOCTYPE/i.test(text)) throw new SyntaxError('XML with a document type declaration is refused');
  const doc = p.parseFromString(text, 'text/xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName('parsererror').length > 0 || keyOf(root as XmlNode) === 'parsererror') {
    throw new SyntaxError('The body is not well-formed XML');
  }
  const key = keyOf(root as XmlNode);
  if (key === 'html') throw new SyntaxError('The body is an HTML page, not an Open311 document');
  return { root: key, value: elementToLoose(root as XmlNode, 0) };
}

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
