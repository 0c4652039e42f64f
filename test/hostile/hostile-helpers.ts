/**
 * Shared by the hostile-corpus tests (issue 10): the corpus as the local server serves it
 * (packages/georeport-server/src/hostile.mjs, packages/georeport-server/hostile/cases.json), a short-timeout client per case, and
 * the checks every case must pass whatever the element.
 */
import { expect } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import { Open311Client } from '../../src/open311/client.js';
import { endpoints, until } from '../helpers/servers.js';
import { MAX_NAME } from '../../src/elements/server-limits.js';

/** Words of the note shown when a server's text was shortened (`cutNote()`), in English and lower case. */
const CUT_NOTE_WORDS = 'too long to show in full';

export type Target = 'services' | 'definition' | 'requests' | 'request' | 'token' | 'post' | 'errors';

/** One case of packages/georeport-server/hostile/cases.json. */
export interface HostileCase {
  readonly id: string;
  readonly kind: 'field' | 'body' | 'transport';
  readonly target: Target;
  readonly field?: string;
  readonly payload?: string;
  readonly value?: string;
  readonly wire?: 'xml';
  readonly transport?: string;
  /** `loaded`: the element must load; `error`: it must say so and offer a retry; `either`. */
  readonly expect: 'loaded' | 'error' | 'either';
  /** The field is on screen in the state reached: its text must be there, as text. */
  readonly shown?: boolean;
  readonly lowercase?: boolean;
}

interface Corpus {
  readonly base: string;
  readonly payloads: Record<string, string>;
  readonly cases: readonly HostileCase[];
}

/** Where the sample requests sit (packages/georeport-server/src/hostile.mjs HOSTILE_SPOT). */
export const SPOT = { lat: 51.4545, long: -2.5927 } as const;

/** Per attempt: the trickle and never cases end here, so every case settles quickly. */
export const TIMEOUT_MS = 1500;

let corpus: Promise<Corpus> | undefined;

/** The corpus as served by the `default` server started by the test runner. */
export function hostileCorpus(): Promise<Corpus> {
  corpus ??= (async () => {
    const base = `${(await endpoints()).default.replace(/open311\/v2\/$/, '')}hostile/`;
    const res = await fetch(`${base}manifest.json`);
    const { payloads, cases } = (await res.json()) as Omit<Corpus, 'base'>;
    return { base, payloads, cases };
  })();
  return corpus;
}

/** The cases of one target. */
export async function casesFor(...targets: Target[]): Promise<{ corpus: Corpus; cases: HostileCase[] }> {
  const c = await hostileCorpus();
  return { corpus: c, cases: c.cases.filter((x) => targets.includes(x.target)) };
}

export function caseEndpoint(c: Corpus, hc: HostileCase): string {
  return `${c.base}${encodeURIComponent(hc.id)}/open311/v2/`;
}

/** A client of its own per case (no shared cache), no retries, a short timeout. */
export function caseClient(c: Corpus, hc: HostileCase): Open311Client {
  return new Open311Client({ endpoint: caseEndpoint(c, hc), format: 'json', timeoutMs: TIMEOUT_MS, retries: 0 });
}

/** The text a field case put in its field, as the element should show it (the client trims text). */
export function expectedText(c: Corpus, hc: HostileCase): string | undefined {
  if (hc.kind !== 'field' || !hc.shown) return undefined;
  const text = (hc.value ?? c.payloads[hc.payload ?? ''] ?? '').trim();
  return hc.lowercase ? text.toLowerCase() : text;
}

/** Every element under `root`, through open shadow roots. */
export function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot | Document): void => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root instanceof Element) {
    out.push(root);
    if (root.shadowRoot) walk(root.shadowRoot);
  }
  walk(root);
  return out;
}

/** All text under `host`, through shadow roots (what a resident could read or hear). */
export function deepText(host: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue ?? '';
    const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
    for (const child of Array.from(children)) walk(child);
  };
  walk(host);
  return text;
}

/** Elements that must never come out of server text. */
const FORBIDDEN = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'base',
  'template',
  'noscript',
  'applet',
]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'ping'];
const UNSAFE_SCHEME = /^(javascript|data|vbscript):/;

/**
 * The checks every case passes: no script ran, no markup came from server text (forbidden elements,
 * `on…` attributes, `srcdoc`), no unsafe URL in any link or image, and images only from http(s).
 * Returns the problems found (empty when safe).
 */
export function safetyProblems(host: Element): string[] {
  const problems: string[] = [];
  const w = window as unknown as Record<string, unknown>;
  if (w.__pwned !== undefined) problems.push('window.__pwned was set: script ran');
  if ((Object.prototype as unknown as Record<string, unknown>).polluted !== undefined) problems.push('Object.prototype was polluted');
  for (const el of deepElements(host)) {
    const tag = el.localName;
    if (FORBIDDEN.has(tag)) problems.push(`<${tag}> element rendered`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${tag} ${name}> event-handler attribute rendered`);
      if (name === 'srcdoc') problems.push(`<${tag} srcdoc> rendered`);
      if (URL_ATTRIBUTES.includes(name)) {
        // What a browser would use: control characters and spaces are dropped before the scheme is read.
        // eslint-disable-next-line no-control-regex
        const squashed = attr.value.replace(/[\u0000-\u0020\u007F]/g, '').toLowerCase();
        if (UNSAFE_SCHEME.test(squashed)) problems.push(`<${tag} ${name}="${attr.value.slice(0, 60)}"> unsafe URL`);
      }
    }
    if (tag === 'img') {
      const src = (el as HTMLImageElement).getAttribute('src') ?? '';
      if (!/^https?:\/\//i.test(src)) problems.push(`<img src="${src.slice(0, 60)}"> not an http(s) image`);
    }
  }
  return problems;
}

/** The messages a resident is given: alerts, live regions, error and status parts. */
export function messageText(host: Element): string {
  const selector = '[role=alert], [role=status], [part~="error-message"], [part~="status-message"], .error-summary, .status, .error';
  return deepElements(host)
    .filter((el) => el.matches(selector))
    .map((el) => el.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Markup shown as text: a resident should never read `<p>` or `<script>` in a message. */
export const RAW_MARKUP = /<\/?[a-z!?][^>]*>/i;

/** True once `requestAnimationFrame` fires within `ms`: the page is not frozen. */
export function frameWithin(ms = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A `@lit/task` Task's status, read from an element's private field (the tests' only peek inside). */
export function taskStatus(el: Element, name: string): number | undefined {
  return (el as unknown as Record<string, { status?: number } | undefined>)[name]?.status;
}

export function taskSettled(el: Element, name: string): boolean {
  const s = taskStatus(el, name);
  return s === TaskStatus.COMPLETE || s === TaskStatus.ERROR;
}

/** A button by its text, through shadow roots. */
export function findButton(host: Element, text: RegExp): HTMLButtonElement | undefined {
  return deepElements(host).find((el): el is HTMLButtonElement => el instanceof HTMLButtonElement && text.test(el.textContent ?? ''));
}

/** Waits for a condition; a case that never settles becomes a problem, not a hang. */
export async function settle(check: () => boolean, ms: number): Promise<boolean> {
  try {
    await until(() => check(), ms);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs every case through `run`, collecting problems per case, and fails once with the whole list
 * (so one run shows every case that misbehaves, not just the first).
 */
export async function runCases(cases: readonly HostileCase[], run: (hc: HostileCase) => Promise<string[]>): Promise<void> {
  const failures: string[] = [];
  for (const hc of cases) {
    delete (window as unknown as Record<string, unknown>).__pwned;
    localStorage.clear();
    sessionStorage.clear();
    let problems: string[];
    try {
      problems = await run(hc);
    } catch (e) {
      problems = [`threw ${e instanceof Error ? e.message : String(e)}`];
    }
    if (problems.length) failures.push(`${hc.id}: ${[...new Set(problems)].join('; ')}`);
  }
  expect(failures, failures.join('\n')).to.deep.equal([]);
}

/** How an element ended up after a case. */
export type Outcome = 'loaded' | 'error' | string;

/**
 * The assertions of issue 10 for one case, once the element has settled: nothing ran and no markup
 * or unsafe link came from the server (always); the page still animates; a field's text is shown as
 * text where the element shows it; a broken answer gives a plain message and a working retry.
 */
export async function checkCase(
  host: Element,
  corpus: Corpus,
  hc: HostileCase,
  outcome: Outcome,
  retry: { button?: RegExp; retrying: () => boolean },
): Promise<string[]> {
  const problems = safetyProblems(host);
  if (!(await frameWithin(1000))) problems.push('no animation frame within 1 s: the page froze');
  if (outcome !== 'loaded' && outcome !== 'error') {
    problems.push(`settled in an unexpected state: ${outcome}`);
    return problems;
  }
  if (hc.expect !== 'either' && outcome !== hc.expect) {
    problems.push(`expected ${hc.expect}, got ${outcome}${outcome === 'error' ? ` ("${messageText(host).slice(0, 120)}")` : ''}`);
  }
  const text = expectedText(corpus, hc);
  if (text !== undefined && (outcome === 'loaded' || hc.expect === 'error')) {
    const shown = hc.lowercase ? deepText(host).toLowerCase() : deepText(host);
    // Text longer than the elements show (issue 17: names 200 characters, descriptions 2,000) is
    // shown from its start, with the note that it was shortened.
    const shortened = text.length > MAX_NAME && shown.includes(text.slice(0, MAX_NAME - 1)) && shown.includes(CUT_NOTE_WORDS);
    if (!shown.includes(text) && !shortened) problems.push(`the field's text is not shown as text (${JSON.stringify(text.slice(0, 40))})`);
  }
  if (outcome === 'error') {
    const message = messageText(host);
    if (!message) problems.push('no message for the resident');
    if (hc.kind !== 'field' && RAW_MARKUP.test(message)) problems.push(`raw markup in the message: "${message.slice(0, 160)}"`);
    const button = findButton(host, retry.button ?? /Try again/);
    if (!button) {
      problems.push('no "Try again" button');
    } else {
      button.click();
      if (!(await settle(retry.retrying, 1000))) problems.push('"Try again" did nothing');
      problems.push(...safetyProblems(host));
    }
  }
  return problems;
}
