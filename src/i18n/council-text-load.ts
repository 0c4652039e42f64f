/**
 * Reads a council's `translations` table (see service-text.ts): parsed from inline JSON or fetched
 * from a URL. Loaded by `loadCouncilText()` only when a page gives a table.
 */
import type { CouncilText, LanguageTable } from './service-text.js';

type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map of strings only; anything else in it is dropped. */
function strings(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(v)) if (typeof s === 'string') out[k] = s;
  return out;
}

function objects<T>(v: unknown, each: (o: Loose) => T): Record<string, T> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, T> = {};
  for (const [k, o] of Object.entries(v)) if (isObject(o)) out[k] = each(o);
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads a table from parsed JSON, keeping only the parts of the right shape; undefined when it is not an object. */
export function parseCouncilText(json: unknown): CouncilText | undefined {
  if (!isObject(json)) return undefined;
  const languages: Record<string, LanguageTable> = {};
  for (const [lang, t] of Object.entries(json)) {
    if (lang === 'sourceLang' || !isObject(t)) continue;
    languages[lang.toLowerCase()] = {
      services: objects(t.services, (o) => ({ name: str(o.name), description: str(o.description) })),
      groups: strings(t.groups),
      attributes: objects(
        t.attributes,
        (svc) => objects(svc, (a) => ({ description: str(a.description), hint: str(a.hint), values: strings(a.values) })) ?? {},
      ),
      notices: strings(t.notices),
      statuses: strings(t.statuses),
    };
  }
  const sourceLang = typeof json.sourceLang === 'string' && json.sourceLang.trim() ? json.sourceLang.trim() : 'en';
  return { sourceLang, languages };
}

/** Several elements on a page may name the same URL: it is fetched once. */
const loaded = new Map<string, Promise<CouncilText | undefined>>();

/**
 * The table a `translations` attribute names: inline JSON (it starts with `{`) or an http(s) or
 * relative URL, fetched once per page. Any failure gives undefined: the English text is shown.
 */
export function loadCouncilText(source: string | null | undefined): Promise<CouncilText | undefined> {
  const value = (source ?? '').trim();
  if (!value) return Promise.resolve(undefined);
  if (value.startsWith('{')) {
    try {
      return Promise.resolve(parseCouncilText(JSON.parse(value)));
    } catch {
      return Promise.resolve(undefined);
    }
  }
  let url: URL;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    return Promise.resolve(undefined);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(undefined);
  const key = url.href;
  let pending = loaded.get(key);
  if (!pending) {
    pending = fetch(key, { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : undefined))
      .then((json: unknown) => parseCouncilText(json))
      .catch(() => undefined);
    loaded.set(key, pending);
  }
  return pending;
}
