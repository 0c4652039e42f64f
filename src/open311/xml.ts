import type { Loose } from './models.js';

/**
 * Reads XML bodies into loose trees keyed by element name (see `tree.ts`, which re-exports
 * `parseXml`). In a module of its own so that a client can load it only when a server answers XML.
 */

/** A minimal DOMParser shape, so Node callers (the gateway) can inject one. */
export interface XmlParser {
  parseFromString(
    text: string,
    type: 'text/xml',
  ): {
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
function keyOfName(name: string): string {
  const colon = name.lastIndexOf(':');
  const local = colon === -1 ? name : name.slice(colon + 1);
  return local.replace(/-/g, '_').toLowerCase();
}

function keyOf(node: XmlNode): string {
  return keyOfName(node.localName ?? node.nodeName);
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
 * Parses XML into a loose tree. Without `parser`, a small reader of our own (below) builds the
 * tree in one pass, in browsers and in Node alike: five times quicker than the browser's DOMParser
 * and the DOM walk after it. With `parser` (a DOMParser, e.g. `@xmldom/xmldom` in Node), that is
 * used as before. Either way: no document type declaration (so no entity but the five predefined
 * ones and character references, no DTD, nothing fetched), nesting capped, and `SyntaxError` for
 * anything that is not well-formed XML.
 */
export function parseXml(text: string, parser?: XmlParser): XmlTree {
  // No Open311 document needs a DTD, and WebKit's parser expands internal entities without limit
  // (a "billion laughs" body grew to 3 MB in a test): refuse any document type declaration.
  if (/<!DOCTYPE/i.test(text)) throw new SyntaxError('XML with a document type declaration is refused');
  if (!parser) return readXml(text);
  const doc = parser.parseFromString(text, 'text/xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName('parsererror').length > 0 || keyOf(root as XmlNode) === 'parsererror') {
    throw new SyntaxError('The body is not well-formed XML');
  }
  const key = keyOf(root as XmlNode);
  if (key === 'html') throw new SyntaxError('The body is an HTML page, not an Open311 document');
  return { root: key, value: elementToLoose(root as XmlNode, 0) };
}

/** One open element while reading: its name as written, its key, its children so far and its text. */
interface Frame {
  readonly name: string;
  readonly key: string;
  children: { [key: string]: Loose } | undefined;
  text: string;
}

/** Characters XML 1.0 forbids anywhere in a document (C0 controls but tab, LF, CR; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** An XML name (a permissive subset of the spec's: no punctuation that could start other syntax). */
const NAME = /^[A-Za-z_:\u00C0-\uFFFD][\w.:\u00B7\u00C0-\uFFFD-]*$/;
/**
 * One attribute of a start tag, its value quoted, without `<`. Matched one at a time, not as one
 * repeated group: WebKit took 0.8 s on a megabyte of attributes with the repeated group.
 */
const ATTRIBUTE = /\s+[A-Za-z_:\u00C0-\uFFFD][\w.:\u00B7\u00C0-\uFFFD-]*\s*=\s*(?:"[^"<]*"|'[^'<]*')/y;
/** The end of a start tag: `>` or `/>`. */
const START_TAG_END = /\s*(\/?)>/y;
const END_TAG_REST = /\s*>/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&/g;
const PREDEFINED: { readonly [name: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function notWellFormed(what: string, at: number): SyntaxError {
  return new SyntaxError(`The body is not well-formed XML: ${what} at character ${at}`);
}

/** Text with its references replaced; an unknown entity, a bare `&` or a reference to a forbidden character is an error. */
function decode(raw: string, at: number): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(ENTITY, (match, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return PREDEFINED[name];
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : NaN;
    if (
      !(code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      throw notWellFormed(`the reference ${match}`, at);
    }
    return String.fromCodePoint(code);
  });
}

/** Adds a child's value under its key; a repeated name makes a list, whatever the document meant. */
function addChild(frame: Frame, key: string, value: Loose, lists: WeakSet<Loose[]>): void {
  const out = (frame.children ??= {});
  if (!Object.prototype.hasOwnProperty.call(out, key)) {
    // `__proto__` would set the object's prototype, not a key.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
    return;
  }
  const existing = out[key];
  if (Array.isArray(existing) && lists.has(existing)) {
    existing.push(value);
  } else {
    const list: Loose[] = [existing, value];
    lists.add(list);
    Object.defineProperty(out, key, { value: list, enumerable: true, writable: true, configurable: true });
  }
}

/**
 * The XML reader: one pass with `indexOf` and sticky regular expressions that cannot backtrack
 * far, straight to the loose tree (no DOM in between). Well-formedness is checked as a DOMParser
 * would for what an Open311 document can hold: names, quoted attributes, matching end tags, one
 * root, references; comments, processing instructions and CDATA sections are understood. A
 * document type declaration never gets here (refused by `parseXml`), so the only entities are the
 * five predefined ones: nothing can expand.
 */
function readXml(input: string): XmlTree {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Line ends as XML reads them (§2.11): CR LF and a lone CR are LF.
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
  if (FORBIDDEN_CHARS.test(text)) throw new SyntaxError('The body is not well-formed XML: it holds a control character');
  const stack: Frame[] = [];
  const lists = new WeakSet<Loose[]>();
  const keys = new Map<string, string>();
  let result: XmlTree | undefined;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const end = lt === -1 ? n : lt;
    if (end > pos) {
      const raw = text.slice(pos, end);
      const top = stack[stack.length - 1];
      if (top) {
        if (top.children === undefined) top.text += decode(raw, pos);
        else if (raw.indexOf('&') !== -1) decode(raw, pos); // still checked, though mixed text is not kept
      } else if (raw.trim() !== '') {
        throw notWellFormed('text outside the root element', pos);
      }
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const nameEnd = endOfName(text, lt + 2);
      const top = stack.pop();
      if (!top || text.slice(lt + 2, nameEnd) !== top.name) throw notWellFormed('an end tag that does not match', lt);
      END_TAG_REST.lastIndex = nameEnd;
      if (!END_TAG_REST.test(text)) throw notWellFormed('an unfinished end tag', lt);
      pos = END_TAG_REST.lastIndex;
      close(top);
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close === -1) throw notWellFormed('an unfinished comment', lt);
        pos = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const top = stack[stack.length - 1];
        const close = text.indexOf(']]>', lt + 9);
        if (!top || close === -1) throw notWellFormed('a misplaced or unfinished CDATA section', lt);
        if (top.children === undefined) top.text += text.slice(lt + 9, close);
        pos = close + 3;
      } else {
        throw notWellFormed('a declaration', lt);
      }
    } else if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) throw notWellFormed('an unfinished processing instruction', lt);
      pos = close + 2;
    } else {
      const nameEnd = endOfName(text, lt + 1);
      const name = text.slice(lt + 1, nameEnd);
      let key = keys.get(name);
      if (key === undefined) {
        if (!NAME.test(name)) throw notWellFormed('a "<" that starts no tag', lt);
        key = keyOfName(name);
        keys.set(name, key);
      }
      if (stack.length === 0 && result) throw notWellFormed('a second root element', lt);
      if (stack.length >= MAX_DEPTH + 1) throw new SyntaxError('XML nested too deeply');
      let empty: boolean;
      if (text.charCodeAt(nameEnd) === 0x3e /* > */) {
        // The common case, a bare start tag: no attributes to check.
        empty = false;
        pos = nameEnd + 1;
      } else {
        let at = nameEnd;
        ATTRIBUTE.lastIndex = at;
        while (ATTRIBUTE.test(text)) at = ATTRIBUTE.lastIndex;
        START_TAG_END.lastIndex = at;
        const rest = START_TAG_END.exec(text);
        if (!rest) throw notWellFormed('a malformed start tag', lt);
        empty = rest[1] === '/';
        pos = START_TAG_END.lastIndex;
      }
      const frame: Frame = { name, key, children: undefined, text: '' };
      if (stack.length === 0 && frame.key === 'html') throw new SyntaxError('The body is an HTML page, not an Open311 document');
      if (empty) close(frame);
      else stack.push(frame);
    }
  }
  if (stack.length > 0) throw notWellFormed('an element that is never closed', n);
  if (!result) throw new SyntaxError('The body is not well-formed XML: no root element');
  return result;

  /** Ends an element: its value goes to its parent, or becomes the result for the root. */
  function close(frame: Frame): void {
    let value: Loose;
    if (frame.children !== undefined) {
      value = frame.children;
    } else {
      const trimmed = frame.text.trim();
      value = trimmed === '' ? null : trimmed;
    }
    const parent = stack[stack.length - 1];
    if (parent) addChild(parent, frame.key, value, lists);
    else result = { root: frame.key, value };
  }
}

/** Where the name starting at `i` ends: at white space, `/`, `>` or the end (checked against `NAME` after). */
function endOfName(text: string, i: number): number {
  let at = i;
  for (;;) {
    const c = text.charCodeAt(at);
    // NaN past the end: `c !== c`.
    if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c !== c) return at;
    at++;
  }
}
