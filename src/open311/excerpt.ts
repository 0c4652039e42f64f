/**
 * The words of an HTML or plain-text answer (a proxy's error page, a server's stack trace), for
 * error messages and logs: never rendered as HTML. Fetched with answer-error.ts (`loadAnswerError()`
 * in tree.ts) on the first answer that needs it.
 */

/**
 * How much of a body the excerpt reads: an error page's words are near its start, and a bound
 * keeps a hostile body (megabytes of unclosed tags) from costing more than a few milliseconds.
 */
const EXCERPT_SCAN = 32_768;

const ENTITIES: { readonly [name: string]: string } = { nbsp: ' ', lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Elements whose content is never words for a reader. */
const HIDDEN = ['script', 'style', 'head'] as const;

/**
 * A body's text without tags, in one pass: each `<` looks for its `>` once, and an element in
 * `HIDDEN` for its end tag once (a search that failed is remembered, so unclosed tags cannot make
 * the scan quadratic). A `<` without a `>` after it is kept as text, as before.
 */
function stripTags(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  /** Where an element's end tag was looked for in vain: from there on, it is not looked for again. */
  const noEnd: { [name: string]: number } = {};
  let pos = 0;
  const n = html.length;
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      parts.push(html.slice(pos));
      break;
    }
    parts.push(html.slice(pos, lt));
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      // No `>` anywhere after: the rest is text (it holds no tag).
      parts.push(html.slice(lt));
      break;
    }
    let next = gt + 1;
    const hidden = HIDDEN.find((name) => lower.startsWith(name, lt + 1) && !/[\w-]/.test(lower.charAt(lt + 1 + name.length)));
    if (hidden) {
      const close = lt >= (noEnd[hidden] ?? n) ? -1 : findEndTag(lower, hidden, gt + 1);
      if (close === -1) noEnd[hidden] = lt;
      else next = close;
    }
    parts.push(' ');
    pos = next;
  }
  return parts.join('');
}

/** The index after `</name …>` from `from`, or -1 when there is none. */
function findEndTag(lower: string, name: string, from: number): number {
  let at = from;
  for (;;) {
    const i = lower.indexOf(`</${name}`, at);
    if (i === -1) return -1;
    let j = i + 2 + name.length;
    while (j < lower.length && /\s/.test(lower.charAt(j))) j++;
    if (lower.charAt(j) === '>') return j + 1;
    at = i + 2;
  }
}

/** The text of the first `<title>`, or '' (one `indexOf` for each part: linear). */
function titleOf(html: string): string {
  const lower = html.toLowerCase();
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<title', at);
    if (open === -1) return '';
    const after = lower.charAt(open + 6);
    if (after === '>' || /\s/.test(after)) {
      const gt = lower.indexOf('>', open + 6);
      if (gt === -1) return '';
      const close = lower.indexOf('</title>', gt + 1);
      return close === -1 ? '' : html.slice(gt + 1, close);
    }
    at = open + 6;
  }
}

/**
 * A short plain-text excerpt of an HTML or text body, for error messages (never rendered as HTML).
 * Reads at most the first `EXCERPT_SCAN` characters, in time proportional to them.
 */
export function textExcerpt(text: string, max = 200): string {
  const head = text.slice(0, EXCERPT_SCAN);
  const clean = (s: string): string =>
    s
      .replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (_, name: string) => ENTITIES[name])
      .replace(/\s+/g, ' ')
      .trim();
  const excerpt = clean(stripTags(head)) || clean(stripTags(titleOf(head)));
  return excerpt.length > max ? `${excerpt.slice(0, max - 1)}…` : excerpt;
}
