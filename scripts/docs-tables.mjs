#!/usr/bin/env node
/**
 * `npm run docs`: writes each element's tables (attributes, events, slots, CSS parts, CSS custom
 * properties) into the docs from dist/custom-elements.json (written by `npm run build` from the
 * elements' JSDoc), so the docs never say other than the code.
 *
 * A table lives between two marker comments in any page under docs/:
 *
 *   <!-- generated:open311-report:attributes -->
 *   …replaced on every run…
 *   <!-- /generated -->
 *
 * The kinds are `attributes`, `events`, `slots`, `parts` and `css-properties`; `<!-- generated:elements -->`
 * is the list of every element. docs/developers/elements.md holds a section for every element: one
 * the manifest has and that page lacks (a new element) is added at its end, with all its tables. A
 * marker that names an element the manifest lacks is an error. test/repo/docs.test.mjs regenerates
 * in memory and fails when a page differs from the manifest.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KINDS = ['attributes', 'events', 'slots', 'parts', 'css-properties'];
/** The page that holds every element's section, relative to the repository. */
export const ELEMENTS_PAGE = 'docs/developers/elements.md';

const HEADINGS = {
  attributes: 'Attributes',
  events: 'Events',
  slots: 'Slots',
  parts: 'CSS parts',
  'css-properties': 'CSS custom properties',
};

const MARKER = /<!-- generated:([a-z0-9-]+)(?::([a-z-]+))? -->\n[\s\S]*?<!-- \/generated -->/g;

/** Every declaration with a tag name, by tag name (the analyzer's order follows file paths, which move). */
export function elementsOf(manifest) {
  return (manifest.modules ?? [])
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.kind === 'class' && d.tagName)
    .sort((a, b) => (a.tagName < b.tagName ? -1 : a.tagName > b.tagName ? 1 : 0));
}

/**
 * Text for a table cell: one line, pipes escaped, and `<…>` outside code spans written as entities
 * (GitHub would otherwise take `<open311-report>` for a tag and hide it).
 */
export function cell(text) {
  if (text === undefined || text === null || String(text).trim() === '') return '—';
  const oneLine = String(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return oneLine
    .split(/(`[^`]*`)/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece
            .replace(/&(?![a-z]+;|#\d+;)/gi, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;'),
    )
    .join('')
    .replace(/\|/g, '\\|');
}

/** A value shown as code (a type or a default), or — when there is none. */
function code(text) {
  if (text === undefined || text === null || ['', 'undefined'].includes(String(text).trim())) return '—';
  const t = String(text).replace(/\s+/g, ' ').trim();
  // A code span cannot hold its own delimiter: use a double one when the value has a backtick.
  const span = t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
  return span.replace(/\|/g, '\\|');
}

/** The attribute's type without `| undefined`: every attribute may be left out. */
function typeText(type) {
  const text = type?.text;
  if (!text) return undefined;
  const parts = text
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined');
  return parts.join(' | ');
}

function deprecationOf(item, member) {
  // The analyzer writes a bare `@deprecated` as the string "true", and one with words as those words.
  const d = item.deprecated ?? member?.deprecated;
  if (d === undefined || d === false || d === 'false') return undefined;
  return typeof d === 'string' && d.trim() && d !== 'true' ? d : true;
}

function table(head, rows, none) {
  if (rows.length === 0) return `${none}\n`;
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

/** The markdown of one table (`kind`) of one element declaration. */
export function renderTable(decl, kind) {
  const members = new Map((decl.members ?? []).map((m) => [m.name, m]));
  switch (kind) {
    case 'attributes':
      return table(
        ['attribute', 'type', 'default', 'description'],
        (decl.attributes ?? []).map((a) => {
          const member = a.fieldName ? members.get(a.fieldName) : undefined;
          const deprecated = deprecationOf(a, member);
          const name = deprecated ? `~~${code(a.name)}~~ (deprecated)` : code(a.name);
          const description = a.description ?? member?.description;
          const said =
            deprecated === true
              ? description
              : [typeof deprecated === 'string' ? `Deprecated: ${deprecated}` : undefined, description].filter(Boolean).join(' ');
          return [name, code(typeText(a.type ?? member?.type)), code(a.default ?? member?.default), cell(said)];
        }),
        'No attributes.',
      );
    case 'events':
      return table(
        ['event', 'description'],
        (decl.events ?? []).map((e) => [deprecationOf(e) ? `~~${code(e.name)}~~ (deprecated)` : code(e.name), cell(e.description)]),
        'No events.',
      );
    case 'slots':
      return table(
        ['slot', 'description'],
        (decl.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
        'No slots.',
      );
    case 'parts':
      return table(
        ['part', 'description'],
        (decl.cssParts ?? []).map((p) => [deprecationOf(p) ? `~~${code(p.name)}~~ (deprecated)` : code(p.name), cell(p.description)]),
        'No CSS parts.',
      );
    case 'css-properties':
      return table(
        ['custom property', 'default', 'description'],
        (decl.cssProperties ?? []).map((p) => [deprecationOf(p) ? `~~${code(p.name)}~~ (deprecated)` : code(p.name), code(p.default), cell(p.description)]),
        'No CSS custom properties.',
      );
    default:
      throw new Error(`unknown kind of table "${kind}" (one of ${KINDS.join(', ')})`);
  }
}

/** The list of every element, each linked to its section in the elements page. */
export function renderList(manifest) {
  return (
    elementsOf(manifest)
      .map((d) => `- [\`<${d.tagName}>\`](#${d.tagName})${d.summary ? `: ${cell(d.summary)}` : ''}`)
      .join('\n') + '\n'
  );
}

function block(tag, kind, body) {
  return `<!-- generated:${tag}${kind ? `:${kind}` : ''} -->\n${body}<!-- /generated -->`;
}

/** A whole section for an element the elements page does not have yet. */
export function renderSection(decl) {
  const parts = [`## \`<${decl.tagName}>\``, ''];
  if (decl.summary) parts.push(cell(decl.summary), '');
  for (const kind of KINDS) parts.push(`### ${HEADINGS[kind]}`, '', block(decl.tagName, kind, renderTable(decl, kind)), '');
  return parts.join('\n');
}

/**
 * The page's text with every marker block regenerated; on the elements page, sections added for
 * elements it lacks. Throws on a marker for an unknown element or kind.
 */
export function renderPage(text, manifest, { elementsPage = false, file = 'the page' } = {}) {
  const byTag = new Map(elementsOf(manifest).map((d) => [d.tagName, d]));
  const seen = new Set();
  let out = text.replace(MARKER, (_all, tag, kind) => {
    if (tag === 'elements' && !kind) return block('elements', undefined, renderList(manifest));
    const decl = byTag.get(tag);
    if (!decl) throw new Error(`${file}: a table for <${tag}>, which dist/custom-elements.json does not have`);
    if (!KINDS.includes(kind)) throw new Error(`${file}: unknown kind of table "${kind}" for <${tag}> (one of ${KINDS.join(', ')})`);
    seen.add(tag);
    return block(tag, kind, renderTable(decl, kind));
  });
  if (elementsPage) {
    const missing = [...byTag.values()].filter((d) => !seen.has(d.tagName));
    if (missing.length) out = `${out.replace(/\n*$/, '\n')}\n${missing.map(renderSection).join('\n').replace(/\n*$/, '\n')}`;
  }
  return out;
}

/** Every markdown file under `dir`, as paths relative to `root`. */
export function markdownFiles(root, dir = 'docs') {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.md')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

/** Every docs page as it should be: a map from path (relative to `root`) to { before, after }. */
export function renderDocs(root, manifest) {
  const pages = new Map();
  for (const file of markdownFiles(root)) {
    const before = readFileSync(join(root, file), 'utf8');
    const after = renderPage(before, manifest, { elementsPage: file === ELEMENTS_PAGE, file });
    pages.set(file, { before, after });
  }
  if (!pages.has(ELEMENTS_PAGE)) throw new Error(`${ELEMENTS_PAGE} is missing`);
  return pages;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
  } catch (e) {
    console.error(`Cannot read dist/custom-elements.json (run npm run build first): ${e.message}`);
    process.exit(2);
  }
  const changed = [];
  for (const [file, { before, after }] of renderDocs(root, manifest)) {
    if (before === after) continue;
    writeFileSync(join(root, file), after);
    changed.push(relative(root, join(root, file)));
  }
  console.log(changed.length ? `Updated: ${changed.join(', ')}` : 'The docs match dist/custom-elements.json.');
}
