/**
 * Adversarial inputs for every text helper of the Open311 client, and a check that the time each
 * takes grows in proportion to the input (issue 17, finding 4: a quadratic regular expression in
 * the error excerpt took the gateway 29 s on a 60 KB body). Shared by the browser test
 * (test/open311/linear-time.test.ts) and the Node test (test/server/linear-time.test.mjs, which
 * bundles this file with esbuild), so the gateway's copy of the client and the widget's are held to
 * the same bound.
 */
import { Open311Client, isOpen311Error, num, parseOpen311Date, sniff, str, toErrorItems, toServiceDefinition, toServices } from '../../src/open311/index.js';
import { parseXml } from '../../src/open311/xml.js';
import { textExcerpt } from '../../src/open311/excerpt.js';

/** Sizes tried, smallest first, so that quadratic work fails on the small one within a second. */
export const SIZES = [10_000, 100_000, 1_000_000] as const;

/**
 * Milliseconds allowed for 1 MB (best of three runs); smaller inputs get their share plus `SLACK_MS`.
 * Generous for a machine shared by several test runs: quadratic work misses it a hundredfold.
 */
export const BUDGET_PER_MB_MS = 600;
const SLACK_MS = 30;
/** Slack for the ratio check: allocating a million small strings (keywords) costs garbage collection that grows faster than the input. */
const RATIO_SLACK_MS = 500;

/** `unit` repeated to (about) `size` characters, then `tail`. */
function fill(unit: string, size: number, tail = ''): string {
  return unit.repeat(Math.ceil(size / unit.length)) + tail;
}

/** Inputs known to make backtracking or repeated scans super-linear: unclosed tags, long runs, nested prefixes. */
export const INPUTS: ReadonlyArray<readonly [string, (size: number) => string]> = [
  ['many "<title" without a close', (n) => fill('<title', n)],
  ['many "<title>" without a close', (n) => fill('<title>', n)],
  ['"<title>" then a long run of "<"', (n) => `<title>${fill('<', n)}`],
  ['a long run of "<"', (n) => fill('<', n)],
  ['white space, then text', (n) => fill(' \t\n', n, 'x')],
  ['many tags', (n) => fill('<p>a</p>', n)],
  ['many "<script>" without a close', (n) => fill('<script>', n)],
  ['many "<head" without a close', (n) => fill('<head ', n)],
  ['many entities', (n) => fill('&amp;&lt;&nbsp;', n)],
  ['an unclosed comment', (n) => `<a><!--${fill('-', n)}`],
  ['a start tag with many attributes and no end', (n) => `<a${fill(' b="1"', n)}`],
  ['a start tag with white space and no end', (n) => `<a${fill(' ', n)}`],
  ['digits without an end', (n) => fill('1', n, 'x')],
  ['a date with long fractions', (n) => `2024-01-01T10:00:00.${fill('1', n)} x`],
];

/** The helpers that read server text, each given one input. */
export const HELPERS: ReadonlyArray<readonly [string, (text: string) => unknown]> = [
  ['textExcerpt', (t) => textExcerpt(t)],
  ['sniff', (t) => sniff(t)],
  ['parseXml', (t) => tryIt(() => parseXml(t))],
  ['num', (t) => num(t)],
  ['date', (t) => parseOpen311Date(t)],
  ['str', (t) => str(t)],
  ['toErrorItems', (t) => toErrorItems(t, 500)],
  ['toServices (keywords)', (t) => toServices([{ service_code: 'A', keywords: t.replace(/</g, ',') }])],
  ['toServiceDefinition', (t) => toServiceDefinition({ attributes: [{ code: 'A', description: t, order: t }] })],
];

function tryIt(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return e;
  }
}

/** The whole client: a 200 or a 500 answer of this body, read and turned into an error, as the gateway's `/healthz` does. */
export async function throughClient(body: string, status: number): Promise<unknown> {
  const client = new Open311Client({
    endpoint: 'https://open311.example.gov.uk/v2/',
    format: 'json',
    retries: 0,
    fetch: async () => new Response(body, { status, headers: { 'content-type': 'text/html' } }),
  });
  try {
    return await client.services();
  } catch (e) {
    if (!isOpen311Error(e)) throw e;
    return e;
  }
}

/** Best of `runs` timings of `f`, in milliseconds. */
export async function timeOf(f: () => unknown, runs: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** What one helper took on one input at each size. */
export interface Timing {
  readonly name: string;
  readonly ms: readonly number[];
}

/**
 * Times `run` on `make(size)` for each size, smallest first, and throws as soon as one size takes
 * more than its linear share of the budget (so quadratic work fails in about a second, not an hour),
 * or when 1 MB takes more than 20 times what 100 KB took.
 */
export async function checkLinear(name: string, make: (size: number) => string, run: (text: string) => unknown): Promise<Timing> {
  const ms: number[] = [];
  for (const size of SIZES) {
    const input = make(size);
    const t = await timeOf(() => run(input), 3);
    ms.push(t);
    const allowed = (BUDGET_PER_MB_MS * input.length) / 1_000_000 + SLACK_MS;
    if (t > allowed) {
      throw new Error(`${name}: ${input.length} characters took ${t.toFixed(1)} ms, more than ${allowed.toFixed(0)} ms (times so far: ${fmt(ms)})`);
    }
  }
  const [, t100k, t1m] = ms;
  if (t1m > 20 * t100k + RATIO_SLACK_MS) throw new Error(`${name}: 1 MB took ${t1m.toFixed(1)} ms, more than 20 × ${t100k.toFixed(1)} ms for 100 KB`);
  return { name, ms };
}

export function fmt(ms: readonly number[]): string {
  return ms.map((t) => `${t.toFixed(1)} ms`).join(' / ');
}

/** The timing whose 1 MB run took longest, as one line for the log. */
export function slowestOf(timings: readonly Timing[]): string {
  const worst = timings.reduce((a, b) => (b.ms[b.ms.length - 1] > a.ms[a.ms.length - 1] ? b : a));
  return `${worst.name}: ${fmt(worst.ms)}`;
}
