/**
 * The settings of `dist/embed.html` (issue 17): read from the council-written `embed.json` beside it,
 * never from the page's address unless `embed.json` allows a parameter by name (`queryAllowed`), and
 * a URL from the address only on an origin it lists (`queryOrigins`). Otherwise a link such as
 * `embed.html?endpoint=https://evil.example/&council-phone=09…` would be the council's own reporting
 * form, on the council's own domain, sending residents' details to whoever wrote the link.
 *
 * Pure functions (no DOM): `readEmbedConfig` checks a parsed embed.json, `queryAttributes` takes
 * what the address may add, `connectOrigins` lists where the page may connect (its second
 * Content-Security-Policy), `parentOriginFor` picks where the height messages may go.
 */
/** How a setting's value is checked. */
type Kind =
  | 'text' // any text (no control characters but line breaks and tabs)
  | 'number' // a finite number, or text holding one
  | 'flag' // a boolean attribute: true sets it, false leaves it out
  | 'url' // an http(s) URL, relative to embed.json or absolute; resolved
  | 'template' // an http(s) URL with `{…}` placeholders, kept as written
  | 'json' // a JSON object, or text holding one
  | 'json-or-url' // a JSON object (or text holding one), or an http(s) URL
  | 'lang'; // a language tag: sets `<html lang>`

/** Every `<open311-report>` attribute embed.json may set, and how its value is checked. */
const SETTINGS: Readonly<Record<string, Kind>> = {
  endpoint: 'url',
  jurisdiction: 'text',
  'path-template': 'text',
  'no-date-zone': 'flag',
  services: 'text',
  groups: 'text',
  'map-style': 'url',
  center: 'text',
  zoom: 'number',
  boundary: 'url',
  'outside-name': 'text',
  'outside-url': 'url',
  'map-at-once': 'flag',
  'map-first': 'flag', // the old spelling of map-at-once (issue 18), until the next major version
  geocoder: 'template',
  assets: 'url',
  'asset-attribute': 'text',
  'contact-fields': 'text',
  'require-contact': 'text',
  photo: 'text',
  'upload-url': 'url',
  'urgent-phone': 'text',
  'urgent-text': 'text',
  'urgent-services': 'text',
  'no-urgent': 'flag',
  'response-times': 'json',
  'council-phone': 'text',
  'council-email': 'text',
  'council-address': 'text',
  'privacy-url': 'url',
  'data-controller': 'text',
  'public-fields': 'text',
  anonymous: 'flag',
  'anonymous-attribute': 'text',
  'updates-attribute': 'text',
  'honeypot-field': 'text',
  'track-url': 'template',
  'heading-level': 'number',
  'draft-hours': 'number',
  timeout: 'number',
  strings: 'json-or-url',
  translations: 'json-or-url',
  lang: 'lang',
};

/** Settings the widget fetches from (so their origins go into `connect-src`); the others are links or text. */
const FETCHED = ['endpoint', 'upload-url', 'geocoder', 'map-style', 'boundary', 'assets', 'strings', 'translations'] as const;

/** The keys of embed.json that are not attributes. */
const LISTS = ['parentOrigins', 'queryAllowed', 'queryOrigins', 'connectOrigins'] as const;

/** OpenStreetMap's tile server: the map's default style (`OSM_STYLE` in src/map/picker-map.ts) when `map-style` is not set. */
export const DEFAULT_TILE_ORIGIN = 'https://tile.openstreetmap.org';

/**
 * The map picker's default address search (`DEFAULT_GEOCODER`) when `geocoder` is not set: its origin
 * only, as for the tiles, so the map picker's first screen needs no chunk shared with this page.
 */
export const DEFAULT_GEOCODER_ORIGIN = 'https://nominatim.openstreetmap.org';

/** Longest embed.json read, and longest single value: far above any real one. */
export const MAX_CONFIG_CHARS = 200_000;
const MAX_VALUE_CHARS = 50_000;

/** embed.json, checked. */
export interface EmbedConfig {
  /** The `<open311-report>` attributes (`lang` among them: it sets `<html lang>`), as text. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Origins of the council's pages that may embed this page and get its height. */
  readonly parentOrigins: readonly string[];
  /** Attributes the page's address may set. */
  readonly queryAllowed: readonly string[];
  /** Origins that URLs from the page's address may point at. */
  readonly queryOrigins: readonly string[];
  /** Other origins the page may connect to: the map's tile, glyph and sprite servers. */
  readonly connectOrigins: readonly string[];
}

/** The result of checking embed.json: the settings, or what is wrong with them (never both). */
export type EmbedConfigResult = { ok: true; config: EmbedConfig } | { ok: false; problems: string[] };

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An http(s) URL, or undefined. `base` resolves relative ones. */
function httpUrl(value: string, base: string): URL | undefined {
  try {
    const url = new URL(value, base);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url;
  } catch {
    // not a URL
  }
  return undefined;
}

/** An http(s) origin written as one (`https://www.example-council.gov.uk`, no wildcard), or undefined. */
function origin(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.includes('*')) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // An origin, or an origin with a bare `/`: nothing that looks like a path someone meant to limit.
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** A JSON object as text, checked (`value` as written in embed.json or in the address). */
function jsonText(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One setting's value as the attribute text, or a problem. `base` resolves relative URLs (the
 * address of embed.json, or of the page for values from its address).
 */
function settingValue(name: string, kind: Kind, value: unknown, base: string): { text?: string; problem?: string } {
  const say = (what: string): { problem: string } => ({ problem: `"${name}" must be ${what}` });
  if (kind === 'flag') {
    if (typeof value !== 'boolean') return say('true or false');
    return value ? { text: '' } : {};
  }
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    return Number.isFinite(n) ? { text: String(n) } : say('a number');
  }
  if (kind === 'json') return jsonText(value) !== undefined ? { text: jsonText(value) } : say('a JSON object');
  if (kind === 'json-or-url' && typeof value !== 'string') {
    return jsonText(value) !== undefined ? { text: jsonText(value) } : say('a JSON object or an http(s) URL');
  }
  if (typeof value !== 'string') return say('text');
  if (value.length > MAX_VALUE_CHARS) return say(`at most ${MAX_VALUE_CHARS} characters`);
  if (CONTROL.test(value)) return say('text without control characters');
  switch (kind) {
    case 'text':
      return { text: value };
    case 'lang':
      return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value) ? { text: value } : say('a language tag such as "cy" or "en-GB"');
    case 'json-or-url': {
      if (value.trim().startsWith('{')) return jsonText(value) !== undefined ? { text: value } : say('a JSON object or an http(s) URL');
      const url = httpUrl(value, base);
      return url ? { text: url.href } : say('a JSON object or an http(s) URL');
    }
    case 'url': {
      const url = value.trim() ? httpUrl(value, base) : undefined;
      return url ? { text: url.href } : say('an http(s) URL');
    }
    case 'template':
      // Kept as written: resolving would turn `{id}` in a path into `%7Bid%7D`. Relative ones resolve
      // against the page, which is beside embed.json.
      return value.trim() && httpUrl(value, base) ? { text: value } : say('an http(s) URL');
    default:
      return say('text');
  }
}

/** A list of origins in embed.json, checked. */
function origins(name: string, value: unknown, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`"${name}" must be a list of origins such as ["https://www.example-council.gov.uk"]`);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    const o = origin(item);
    if (o) out.push(o);
    else problems.push(`"${name}": ${JSON.stringify(item)} is not an http(s) origin such as "https://www.example-council.gov.uk" (no path, no wildcard)`);
  }
  return out;
}

/**
 * Checks a parsed embed.json: known keys only, every value of its kind, `endpoint` present.
 * `configUrl` is where embed.json was read (relative URLs resolve against it); `pageUrl` is the
 * page's: an embed.json naming a loopback server (127.0.0.1, localhost) is the local demo's sample,
 * refused on any page not served from loopback itself.
 */
export function readEmbedConfig(json: unknown, configUrl: string, pageUrl: string = configUrl): EmbedConfigResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problems: ['embed.json must hold one JSON object: { "endpoint": "https://…", … }'] };
  }
  const problems: string[] = [];
  const attributes: Record<string, string> = {};
  const lists: Record<(typeof LISTS)[number], unknown> = {
    parentOrigins: undefined,
    queryAllowed: undefined,
    queryOrigins: undefined,
    connectOrigins: undefined,
  };
  for (const [key, value] of Object.entries(json)) {
    if ((LISTS as readonly string[]).includes(key)) {
      lists[key as (typeof LISTS)[number]] = value;
      continue;
    }
    const kind = SETTINGS[key];
    if (!kind) {
      problems.push(`unknown key "${key}" (the keys are the <open311-report> attributes, and ${LISTS.join(', ')})`);
      continue;
    }
    const { text, problem } = settingValue(key, kind, value, configUrl);
    if (problem) problems.push(problem);
    else if (text !== undefined) attributes[key] = text;
  }
  if (!attributes['endpoint']) problems.push('"endpoint" is missing: the address of your Open311 server or gateway');
  const parentOrigins = origins('parentOrigins', lists.parentOrigins, problems);
  const queryOrigins = origins('queryOrigins', lists.queryOrigins, problems);
  const connectOrigins = origins('connectOrigins', lists.connectOrigins, problems);
  const queryAllowed: string[] = [];
  if (lists.queryAllowed !== undefined) {
    if (!Array.isArray(lists.queryAllowed)) problems.push('"queryAllowed" must be a list of attribute names such as ["lang"]');
    else {
      for (const name of lists.queryAllowed) {
        if (typeof name === 'string' && SETTINGS[name]) queryAllowed.push(name);
        else problems.push(`"queryAllowed": ${JSON.stringify(name)} is not an <open311-report> attribute`);
      }
    }
  }
  const page = httpUrl(pageUrl, pageUrl);
  if (page && !isLoopback(page.hostname)) {
    for (const name of FETCHED) {
      const value = attributes[name];
      const url = value !== undefined ? httpUrl(value, configUrl) : undefined;
      if (url && isLoopback(url.hostname)) {
        problems.push(`"${name}" points at this computer (${url.host}): that is the local demo's sample; write your council's own embed.json`);
      }
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, config: { attributes, parentOrigins, queryAllowed, queryOrigins, connectOrigins } };
}

/**
 * The attributes the page's address may add (`search`, e.g. `?lang=cy`): only names embed.json's
 * `queryAllowed` lists, each value checked as in embed.json (text as text; a URL only when its
 * origin is in `queryOrigins`). `ignored` names what was given and not taken, for the console.
 */
export function queryAttributes(config: EmbedConfig, search: string, pageUrl: string): { attributes: Record<string, string>; ignored: string[] } {
  const params = new URLSearchParams(search);
  const attributes: Record<string, string> = {};
  const ignored: string[] = [];
  for (const name of new Set(params.keys())) {
    if (name === 'parent-origin') continue; // read by parentOriginFor
    const kind = SETTINGS[name];
    const value = params.get(name) ?? '';
    if (!kind || !config.queryAllowed.includes(name)) {
      ignored.push(name);
      continue;
    }
    const raw: unknown = kind === 'flag' ? value !== 'false' : value;
    const { text, problem } = settingValue(name, kind, raw, pageUrl);
    const url = kind === 'url' || kind === 'template' || (kind === 'json-or-url' && !value.trim().startsWith('{')) ? httpUrl(value, pageUrl) : undefined;
    if (problem || (url && !config.queryOrigins.includes(url.origin))) {
      ignored.push(name);
      continue;
    }
    if (text !== undefined) attributes[name] = text;
  }
  return { attributes, ignored };
}

/**
 * Where the page may connect (`connect-src`), beside its own origin: the origins of every setting
 * it fetches from (the endpoint or gateway, uploads, geocoder, map style, boundary, assets, wording),
 * the map's and geocoder's defaults when those are not set, `connectOrigins`, and `queryOrigins`
 * when the address may set a URL.
 */
export function connectOrigins(config: EmbedConfig, attributes: Readonly<Record<string, string>>, pageUrl: string): string[] {
  const out = new Set<string>();
  for (const name of FETCHED) {
    const value = attributes[name];
    if (value === undefined || ((name === 'strings' || name === 'translations') && value.trim().startsWith('{'))) continue;
    const url = httpUrl(value, pageUrl);
    if (url) out.add(url.origin);
  }
  if (attributes['map-style'] === undefined) out.add(DEFAULT_TILE_ORIGIN);
  if (attributes['geocoder'] === undefined) out.add(DEFAULT_GEOCODER_ORIGIN);
  for (const o of config.connectOrigins) out.add(o);
  const urlFromQuery = config.queryAllowed.some((name) => FETCHED.includes(name as (typeof FETCHED)[number]));
  if (urlFromQuery) for (const o of config.queryOrigins) out.add(o);
  const self = httpUrl(pageUrl, pageUrl)?.origin;
  if (self) out.delete(self);
  return [...out].sort();
}

/** The second policy the page adds once embed.json is read: connections only to those origins. */
export function connectPolicy(origins: readonly string[]): string {
  return `connect-src ${["'self'", ...origins].join(' ')}`;
}

/**
 * The origin the page may tell its height to: the one its parent names (`parent-origin` in the
 * address), else the one the browser reports for the parent (`ancestorOrigins`, or the referrer);
 * only when embed.json's `parentOrigins` lists it.
 */
export function parentOriginFor(config: EmbedConfig, named: string | null, seen: readonly string[]): string | undefined {
  const candidates = named !== null ? [named] : seen;
  for (const c of candidates) {
    const o = c ? httpUrl(c, 'about:blank')?.origin : undefined;
    if (o && config.parentOrigins.includes(o)) return o;
  }
  return undefined;
}
