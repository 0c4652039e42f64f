/**
 * `dist/embed.html` + this script: the widget as a page of its own, for CMSs that strip `<script>`
 * from their editors (WordPress without unfiltered_html, locked-down Drupal formats) but allow an
 * iframe. The settings are `<open311-report>`'s attributes, from the council-written `embed.json`
 * beside the page (issue 17); the page's address may add only the parameters embed.json allows
 * (src/embed-config.ts). Once they are read, a second Content-Security-Policy narrows where the page
 * may connect to the origins they name. The page tells its parent its height, but only to an origin
 * embed.json lists in `parentOrigins`.
 */
import './index.js';
import {
  MAX_CONFIG_CHARS,
  connectOrigins,
  connectPolicy,
  parentOriginFor,
  queryAttributes,
  readEmbedConfig,
  type EmbedConfig,
  type EmbedConfigResult,
} from './embed-config.js';

/** The message the embed page sends to its parent. */
export interface EmbedHeightMessage {
  type: 'open311:height';
  height: number;
}

/** Reads embed.json beside this script (the page's own folder), then checks it. */
async function loadConfig(configUrl: string): Promise<EmbedConfigResult> {
  let res: Response;
  try {
    res = await fetch(configUrl, { credentials: 'same-origin', cache: 'no-cache', redirect: 'error' });
  } catch {
    return { ok: false, problems: [`embed.json could not be read from ${configUrl}`] };
  }
  if (!res.ok) return { ok: false, problems: [`embed.json was not found beside embed.html (${configUrl} answered ${res.status})`] };
  const text = await res.text();
  if (text.length > MAX_CONFIG_CHARS) return { ok: false, problems: [`embed.json is larger than ${MAX_CONFIG_CHARS} characters`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`embed.json is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`] };
  }
  return readEmbedConfig(json, configUrl, location.href);
}

/** What residents and the council's web team see when the page cannot run: text only. */
function showNotSetUp(host: HTMLElement, problems: readonly string[]): void {
  const residents = document.createElement('p');
  residents.textContent = 'Sorry, this reporting form is not available at the moment. Please contact the council by phone or email.';
  const team = document.createElement('p');
  team.textContent =
    'For the council’s web team: this page is not set up. It takes its settings only from embed.json in the same folder (see embed.sample.json and the README), and that file has these problems:';
  const list = document.createElement('ul');
  for (const problem of problems) {
    const item = document.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  host.replaceChildren(residents, team, list);
}

/** Adds a policy to the page: policies intersect, so this can only narrow what the static one allows. */
function addPolicy(policy: string): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  document.head.append(meta);
}

/** Tells the parent (only `parentOrigin`) the page's height whenever it changes. */
function tellHeight(parentOrigin: string): void {
  let last = 0;
  const tell = (): void => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: EmbedHeightMessage = { type: 'open311:height', height };
    window.parent.postMessage(message, parentOrigin);
  };
  new ResizeObserver(tell).observe(document.documentElement);
  tell();
}

function show(host: HTMLElement, config: EmbedConfig): void {
  const fromQuery = queryAttributes(config, location.search, location.href);
  if (fromQuery.ignored.length) {
    console.warn(`open311 embed: ignored address parameters not allowed by embed.json's "queryAllowed" (or "queryOrigins"): ${fromQuery.ignored.join(', ')}`);
  }
  const attributes = { ...config.attributes, ...fromQuery.attributes };
  addPolicy(connectPolicy(connectOrigins(config, attributes, location.href)));
  const el = document.createElement('open311-report');
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'lang') document.documentElement.lang = v;
    else el.setAttribute(k, v);
  }
  // Steps are not browser history entries inside a frame: Back belongs to the council's page.
  el.setAttribute('no-history', '');
  host.replaceChildren(el);
  if (window.parent === window) return;
  // Firefox has no ancestorOrigins; the referrer is the parent's origin (or page) there.
  const ancestors = (location as { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const seen = [ancestors?.item(0) ?? '', document.referrer];
  const parentOrigin = parentOriginFor(config, new URLSearchParams(location.search).get('parent-origin'), seen);
  if (parentOrigin) tellHeight(parentOrigin);
}

async function start(): Promise<void> {
  const host = document.getElementById('open311-embed');
  if (!host) return;
  const result = await loadConfig(new URL('embed.json', import.meta.url).href);
  if (result.ok) show(host, result.config);
  else showNotSetUp(host, result.problems);
}

if (typeof document !== 'undefined') void start();
