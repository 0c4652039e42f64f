// Stable public message ids (issue 18): a council's `strings` table names messages by id, so every
// msg() in src/ carries an explicit, readable id that does not change when its English is reworded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ID_PATTERN, findMessages, moveUnits, readRenamed, readableId, renameOldId, sourceMessages } from '../../scripts/message-ids.mjs';

const root = new URL('../../', import.meta.url);
const messages = sourceMessages();

test('every msg() in src/ has an explicit id of the form area.words (report., form., chooser., map., tracker., …)', () => {
  assert.ok(messages.length > 300, `only ${messages.length} msg() calls found`);
  const bad = messages.filter((m) => m.id === undefined || !ID_PATTERN.test(m.id)).map((m) => `${m.file}:${m.line} ${m.id ?? '(no id)'}`);
  assert.deepEqual(bad, [], 'run `node scripts/message-ids.mjs`');
});

test('each id names one message: the same id is never used for two different English texts', () => {
  const byId = new Map();
  const clashes = [];
  for (const m of messages) {
    const first = byId.get(m.id);
    if (first === undefined) byId.set(m.id, m);
    else if (first.hash !== m.hash) clashes.push(`${m.id}: ${first.file}:${first.line} and ${m.file}:${m.line}`);
  }
  assert.deepEqual(clashes, []);
});

test('every id has its Welsh in xliff/cy.xlf, and the XLIFF holds no unit that no msg() uses', () => {
  const xliff = readFileSync(new URL('xliff/cy.xlf', root), 'utf8');
  const units = new Map([...xliff.matchAll(/<trans-unit\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)].map((m) => [m[1], m[2]]));
  const ids = new Set(messages.map((m) => m.id));
  assert.deepEqual(
    [...ids].filter((id) => !/<target>/.test(units.get(id) ?? '')),
    [],
    'ids without a Welsh target',
  );
  assert.deepEqual(
    [...units.keys()].filter((id) => !ids.has(id)),
    [],
    'units no msg() uses',
  );
});

test('every old id (hash or dashed id) points to an id a message has, and no old id is a current one', () => {
  const renamed = readRenamed();
  const ids = new Set(messages.map((m) => m.id));
  assert.ok(Object.keys(renamed).length >= 381, 'the table of renamed ids lost entries');
  for (const [old, id] of Object.entries(renamed)) {
    assert.ok(ids.has(id), `${old} -> ${id}: no message has that id`);
    assert.ok(!ids.has(old), `${old} is both an old and a current id`);
  }
  // Spot checks against lit-localize's own hash of the English, as councils used it before.
  assert.equal(renamed.sfa071a5d15a57d0d, 'map.where-is-problem'); // "Where is the problem?"
  assert.equal(renamed['form-count-left-other'], 'form.count.left.other');
});

test('the codemod is idempotent: a second run would change nothing', async () => {
  const { run } = await import('../../scripts/message-ids.mjs');
  assert.deepEqual(run({ check: true }), []);
});

test('the codemod gives a msg() without an id a readable one, keeps an existing one and moves the Welsh', () => {
  const code = [
    "const a = msg('Where is the problem?');",
    "const b = msg(str`Step ${n} of ${total}`, { desc: 'progress' });",
    "const c = msg('Zoom in', { id: 'map.zoom-in' });",
  ].join('\n');
  const [a, b, c] = findMessages('src/elements/report/x.ts', code);
  assert.equal(a.id, undefined);
  assert.equal(a.hash, 'sfa071a5d15a57d0d'); // @lit/localize's id of that English
  assert.equal(readableId('report', a.english), 'report.where-is-problem');
  assert.equal(readableId('form', b.english), 'form.step-of');
  assert.equal(c.id, 'map.zoom-in');
  assert.equal(renameOldId('map-picker.metres.one', 'map'), 'map.metres.one');
  assert.equal(renameOldId('time-am', 'common'), 'common.time.am');
  const xliff =
    '<trans-unit id="sfa071a5d15a57d0d">\n  <source>W</source>\n</trans-unit>\n<trans-unit id="old2">\n</trans-unit>\n<trans-unit id="new2">\n</trans-unit>\n';
  assert.equal(
    moveUnits(xliff, { sfa071a5d15a57d0d: 'report.where-is-problem', old2: 'new2' }),
    '<trans-unit id="report.where-is-problem">\n  <source>W</source>\n</trans-unit>\n<trans-unit id="new2">\n</trans-unit>\n',
  );
});

test('dist/strings.json (written by npm run build) lists the readable ids with their English and former ids', () => {
  const strings = JSON.parse(readFileSync(new URL('dist/strings.json', root), 'utf8'));
  const ids = new Set(messages.map((m) => m.id));
  assert.deepEqual(Object.keys(strings).sort(), [...ids].sort());
  assert.equal(strings['form.count.left.one'].en, 'You have ${0} character remaining');
  assert.deepEqual(strings['form.count.left.one'].formerly, ['form-count-left-one']);
  assert.equal(strings['report.for-urgent-problems-out-of-hours'].overridable, false);
});
