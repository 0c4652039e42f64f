// Hiding the councils' api keys in everything the gateway logs or answers. An upstream can echo a
// key back in many spellings (its own error page, a URL it normalised, a form it re-encoded), so a
// key is found character by character in any mix of the forms each character can take: itself in
// any case, percent-encoded (once or twice, any hex case), `+` for a space, an HTML/XML entity, a
// JSON `\uXXXX` escape. Always scrub the whole text before cutting it short: half a key is a leak too.

const HIDDEN = '[hidden]';

/** @param {string} s */
const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Every form one character of a key can take, as a regular expression alternative.
 * @param {string} ch one code point
 */
function charForms(ch) {
  const cp = /** @type {number} */ (ch.codePointAt(0));
  const bytes = [...Buffer.from(ch, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
  /** @type {string[]} */
  const forms = [];
  // Percent-encoded (any hex case through the `i` flag), and percent-encoded twice (`%252D`).
  forms.push(bytes.map((b) => `%${b}`).join(''));
  forms.push(bytes.map((b) => `%25${b}`).join(''));
  // Numeric character references, decimal or hex, with or without leading zeros.
  forms.push(`&#0*${cp};`, `&#x0*${cp.toString(16)};`);
  const named = /** @type {Record<string, string>} */ ({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' })[ch];
  if (named) forms.push(`&${named};`);
  // JSON escapes.
  if (cp <= 0xffff) forms.push(`\\\\u${cp.toString(16).padStart(4, '0')}`);
  if (ch === '"' || ch === '\\' || ch === '/') forms.push(reEscape(`\\${ch}`));
  // Form encoding writes a space as `+`; a URL parser turns `\` into `/` in a path.
  if (ch === ' ') forms.push('\\+');
  if (ch === '\\') forms.push('/');
  // The character itself last: longer forms are tried first.
  forms.push(reEscape(ch));
  return `(?:${forms.join('|')})`;
}

/**
 * A function that replaces every key in a text, in every form above, with `[hidden]`. The pattern
 * has no nested repetition, so scanning is linear in the text's length.
 * @param {Array<string|undefined>} keys
 * @returns {(text: string) => string}
 */
export function keyScrubber(keys) {
  const list = [...new Set(keys.filter((k) => typeof k === 'string' && k.length > 0))];
  if (list.length === 0) return (text) => text;
  // Longest key first, so that a key containing another is hidden whole.
  list.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(list.map((k) => [...k].map(charForms).join('')).join('|'), 'gi');
  return (text) => (typeof text === 'string' ? text.replace(pattern, HIDDEN) : text);
}
