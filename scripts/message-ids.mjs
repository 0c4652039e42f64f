// Gives every msg() in src/ an explicit, readable id ("report.where-is-problem"), so a council's
// `strings` override keeps working when a message's English is reworded (issue 18).
//
//   node scripts/message-ids.mjs           rewrite src/ (and msg() calls in test/), xliff/cy.xlf and the
//                                          table of renamed ids (src/i18n/renamed-ids.ts)
//   node scripts/message-ids.mjs --check   change nothing; exit 1 and list what it would change
//
// Safe to re-run at any time, for instance after msg() calls move between files:
//  - an id that already has the readable form is never changed, wherever its call now lives;
//  - a msg() without an id gets `area.words-of-the-english` (area from its folder, see AREAS), unique
//    among all ids; a message whose English was already renamed (same lit-localize hash) gets the
//    same id again, so one English text is one message, as it was with hashed ids;
//  - an explicit id of the old dashed form ("form-count-left-one") is renamed to the readable form;
//  - every rename of a message that shipped (it has a unit in xliff/cy.xlf) is recorded once in
//    src/i18n/renamed-ids.ts (old id -> new id; old ids are hashed with @lit/localize's own id
//    function), so old override keys keep working for one major version, and the Welsh unit moves
//    to the new id.
// msg() calls in test/ without an id are given the id of their English when it has one, and are
// otherwise left alone: tests may look messages up by their English on purpose.
// TypeScript's own parser (already a dev dependency) finds the calls, so comments and strings that
// merely mention msg( are never touched.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generateMsgIdFromAstNode } from '@lit/localize-tools/lib/program-analysis.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The area prefix of an id: from the element (or module) whose folder holds the call. */
export const AREAS = {
  'src/elements/report/': 'report',
  'src/elements/report-form/': 'form',
  'src/elements/service-chooser/': 'chooser',
  'src/elements/map-picker/': 'map',
  'src/map/': 'map',
  'src/elements/status-tracker/': 'tracker',
  'src/elements/tracker/': 'tracker',
  'src/elements/my-reports/': 'my-reports',
};
/** Files in no element's folder (shared modules: src/i18n/, src/elements/*.ts, …). */
export const COMMON = 'common';
/** Element folder names an old id may start with, and the area they are now. */
const FOLDER_AREA = { 'map-picker': 'map', 'report-form': 'form', 'service-chooser': 'chooser', 'status-tracker': 'tracker' };
/** Every area an id may start with. */
export const AREA_NAMES = [...new Set([...Object.values(AREAS), COMMON])];

/** The readable form: a known area, then dot-separated lower-case words joined by dashes. */
export const ID_PATTERN = new RegExp(`^(?:${AREA_NAMES.join('|')})(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+$`);

/** Words left out of an id: they make it longer without telling messages apart. */
const SKIP = new Set(['the', 'a', 'an']);
const MAX_WORDS = 6;
const MAX_LENGTH = 48;

export const RENAMED_FILE = 'src/i18n/renamed-ids.ts';
const XLIFF_FILE = 'xliff/cy.xlf';

export function areaOf(file) {
  const path = file.split(sep).join('/');
  for (const [folder, area] of Object.entries(AREAS)) if (path.startsWith(folder)) return area;
  return COMMON;
}

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') out.push(...walk(path));
    } else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** The message argument of a msg() call: a string, a template, or str``/html`` tagged. */
function template(arg) {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) || ts.isTemplateExpression(arg)) return { node: arg, html: false };
  if (ts.isTaggedTemplateExpression(arg) && ts.isIdentifier(arg.tag) && (arg.tag.text === 'str' || arg.tag.text === 'html')) {
    return { node: arg.template, html: arg.tag.text === 'html' };
  }
  return undefined;
}

/** Every msg() call in a file: where it is, its lit-localize hash, its English and its explicit id. */
export function findMessages(file, text = readFileSync(join(root, file), 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg' && node.arguments.length >= 1) {
      const t = template(node.arguments[0]);
      if (t) {
        const options = node.arguments[1];
        let idNode;
        if (options && ts.isObjectLiteralExpression(options)) {
          for (const p of options.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'id' && ts.isStringLiteralLike(p.initializer)) idNode = p.initializer;
          }
        }
        const pieces = ts.isTemplateExpression(t.node) ? [t.node.head.text, ...t.node.templateSpans.map((s) => s.literal.text)] : [t.node.text];
        found.push({
          file,
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
          hash: generateMsgIdFromAstNode(t.node, t.html),
          english: pieces.join(' '),
          placeholders: ts.isTemplateExpression(t.node),
          html: t.html,
          id: idNode?.text,
          idNode,
          options: options && ts.isObjectLiteralExpression(options) ? options : undefined,
          messageEnd: node.arguments[0].getEnd(),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Lower-case ASCII words of the English, without markup, placeholders or punctuation. */
function words(english) {
  return english
    .replace(/<[^>]*>/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !SKIP.has(w));
}

/** `area.first-words-of-the-english`, at most six words and 48 characters. */
export function readableId(area, english) {
  const chosen = [];
  for (const w of words(english)) {
    if (chosen.length >= MAX_WORDS || [...chosen, w].join('-').length > MAX_LENGTH) break;
    chosen.push(w);
  }
  return `${area}.${chosen.join('-') || 'message'}`;
}

/** The readable form of an old explicit id: "form-count-left-one" -> "form.count.left.one". */
export function renameOldId(id, area) {
  let rest = id;
  let prefix = area;
  for (const name of [...Object.keys(FOLDER_AREA), ...AREA_NAMES]) {
    if (rest.startsWith(`${name}.`) || rest.startsWith(`${name}-`)) {
      prefix = FOLDER_AREA[name] ?? name;
      rest = rest.slice(name.length + 1);
      break;
    }
  }
  const parts = rest
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return `${prefix}.${parts.join('.') || 'message'}`;
}

function existing(file) {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return '';
  }
}

/** The committed table of renamed ids, as an object. */
export function readRenamed(text = existing(RENAMED_FILE)) {
  const m = /=\s*(\{[\s\S]*?\})\s*;?\s*$/.exec(text);
  return m ? JSON.parse(m[1]) : {};
}

function writeRenamed(renamed) {
  const sorted = Object.fromEntries(Object.entries(renamed).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return (
    `// Written by scripts/message-ids.mjs: do not edit by hand (re-run it instead).\n` +
    `// Message ids of before issue 18 (lit-localize's hashes of the English, and the old dashed ids) and\n` +
    `// the readable id each message has now. A council's \`strings\` table may still use the old ids until\n` +
    `// the next major version: strings.ts loads this table only when an override's key is not a known id.\n\n` +
    `export const renamed: Readonly<Record<string, string>> = ${JSON.stringify(sorted, null, 2)};\n`
  );
}

/** Moves each renamed unit of an XLIFF file to its new id (dropping an old unit whose new id is already there). */
export function moveUnits(xliff, renamed) {
  const present = new Set([...xliff.matchAll(/<trans-unit\s+id="([^"]+)"/g)].map((m) => m[1]));
  return xliff.replace(/([ \t]*)<trans-unit\s+id="([^"]+)"([^>]*)>[\s\S]*?<\/trans-unit>\n?/g, (unit, _indent, id, _rest) => {
    const to = renamed[id];
    if (to === undefined || to === id) return unit;
    if (present.has(to)) return '';
    present.add(to);
    return unit.replace(`id="${id}"`, `id="${to}"`);
  });
}

/** Every msg() call in src/. */
export function sourceMessages() {
  return walk('src').flatMap((f) => findMessages(f));
}

/** Works out every change; writes them unless `check`. Returns a list of the changes. */
export function run({ check = false } = {}) {
  const renamed = readRenamed();
  const changes = [];
  const srcFiles = walk('src');
  const testFiles = walk('test');
  const messages = new Map(srcFiles.map((f) => [f, findMessages(f)]));

  // Ids in use, and the hash of the English each one names (and the other way round).
  const taken = new Map();
  const idOfHash = new Map();
  for (const list of messages.values()) {
    for (const m of list) {
      if (m.id === undefined || !ID_PATTERN.test(m.id)) continue;
      taken.set(m.id, m.hash);
      if (!idOfHash.has(m.hash)) idOfHash.set(m.hash, m.id);
    }
  }
  // Only ids councils could have used are kept as aliases: those of messages that shipped, which have
  // a unit in the XLIFF. A message new since has no old id to keep.
  const xliffPath = join(root, XLIFF_FILE);
  const xliff = readFileSync(xliffPath, 'utf8');
  const shipped = new Set([...xliff.matchAll(/<trans-unit\s+id="([^"]+)"/g)].map((m) => m[1]));
  const given = {};
  const rename = (old, id) => {
    given[old] = id;
    if (shipped.has(old)) renamed[old] = id;
  };
  const free = (id, hash) => !taken.has(id) || taken.get(id) === hash;
  /** The wanted id, or when another message has it, one that says how this one differs, or a number. */
  const claim = (wanted, hash, english = '', placeholders = false) => {
    const tries = [wanted];
    if (/^[a-z]/.test(english)) tries.push(`${wanted}-lower-case`);
    if (placeholders) tries.push(`${wanted}-with-value`);
    let id = tries.find((t) => free(t, hash));
    for (let n = 2; id === undefined; n++) if (free(`${wanted}-${n}`, hash)) id = `${wanted}-${n}`;
    taken.set(id, hash);
    return id;
  };

  const edits = new Map();
  const edit = (file, at, end, text) => {
    if (!edits.has(file)) edits.set(file, []);
    edits.get(file).push({ at, end, text });
  };
  const giveId = (m, id) => {
    if (m.idNode) edit(m.file, m.idNode.getStart(), m.idNode.getEnd(), `'${id}'`);
    else if (m.options) edit(m.file, m.options.getStart() + 1, m.options.getStart() + 1, ` id: '${id}',`);
    else edit(m.file, m.messageEnd, m.messageEnd, `, { id: '${id}' }`);
    changes.push(`${m.file}:${m.line} ${m.id ?? m.hash} -> ${id}`);
  };

  for (const list of messages.values()) {
    for (const m of list) {
      if (m.id !== undefined && ID_PATTERN.test(m.id)) continue;
      const area = areaOf(m.file);
      let id;
      if (m.id !== undefined) {
        id = renamed[m.id] ?? given[m.id] ?? claim(renameOldId(m.id, area), m.hash);
        rename(m.id, id);
      } else {
        id = renamed[m.hash] ?? given[m.hash] ?? idOfHash.get(m.hash) ?? claim(readableId(area, m.english), m.hash, m.english.trim(), m.placeholders);
        rename(m.hash, id);
        idOfHash.set(m.hash, id);
      }
      giveId(m, id);
    }
  }
  for (const file of testFiles) {
    for (const m of findMessages(file)) {
      const id = m.id === undefined ? (renamed[m.hash] ?? idOfHash.get(m.hash)) : undefined;
      if (id) giveId(m, id);
    }
  }

  const moved = moveUnits(xliff, renamed);
  if (moved !== xliff) changes.push(`${XLIFF_FILE}: units move to their readable ids`);

  if (!check) {
    for (const [file, list] of edits) {
      let text = readFileSync(join(root, file), 'utf8');
      for (const e of list.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.text + text.slice(e.end);
      writeFileSync(join(root, file), text);
    }
    if (moved !== xliff) writeFileSync(xliffPath, moved);
    const table = writeRenamed(renamed);
    if (table !== existing(RENAMED_FILE)) writeFileSync(join(root, RENAMED_FILE), table);
  }
  return changes;
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const check = process.argv.includes('--check');
  const changes = run({ check });
  for (const c of changes) console.log(c);
  console.log(`${changes.length} change(s) ${check ? 'needed' : 'made'}`);
  if (check && changes.length) process.exitCode = 1;
}
