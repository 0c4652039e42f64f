import type { Loose } from './models.js';

/**
 * Reading loose trees (JSON, or XML read by `xml.ts`) field by field: the helpers every normaliser
 * uses. They never throw on odd input: a field that cannot be read is absent. Each rule cites the
 * quirk in `shared/open311.md` §3 that it answers.
 */

export type Rec = { [key: string]: Loose };

export function isRecord(v: Loose): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** FMS before 2017 sent every scalar as a one-element list (§3.2 item 11). */
export function unwrap(v: Loose): Loose {
  let value = v;
  while (Array.isArray(value) && value.length === 1) value = value[0];
  return value;
}

/** A trimmed string, or undefined for absent/empty/non-scalar values. Numbers keep their digits. */
export function str(v: Loose): string | undefined {
  const value = unwrap(v);
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Booleans from `true`, `"true"`, `"True"`, `"1"`, `"yes"` (§3.3 item 18). */
export function bool(v: Loose, fallback = false): boolean {
  const value = unwrap(v);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1' || t === 'yes' || t === 't' || t === 'y') return true;
    if (t === 'false' || t === '0' || t === 'no' || t === 'f' || t === 'n') return false;
  }
  return fallback;
}

/** Numbers from numbers or numeric strings; undefined otherwise (§3.3 item 19). */
export function num(v: Loose): number | undefined {
  const value = unwrap(v);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the latter splits a run of digits in n ways (quadratic on a long one).
  if (typeof value === 'string' && /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Whether a record has a key spelt oddly (capitals or `-`), remembered per record: most have none. */
const oddSpelling = new WeakMap<Rec, boolean>();

function hasOddKeys(rec: Rec): boolean {
  let odd = oddSpelling.get(rec);
  if (odd === undefined) {
    odd = Object.keys(rec).some((k) => k.toLowerCase() !== k || k.includes('-'));
    oddSpelling.set(rec, odd);
  }
  return odd;
}

/** Case-insensitive field access that tolerates `-` for `_` and one-element-list wrapping. */
export function field(rec: Rec, ...names: string[]): Loose {
  for (const name of names) {
    if (name in rec) return rec[name];
  }
  if (!hasOddKeys(rec)) return undefined;
  // Slow path for odd spellings: `Service_Code`, `service-code`.
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const [k, v] of Object.entries(rec)) {
    if (wanted.has(k.toLowerCase().replace(/-/g, '_'))) return v;
  }
  return undefined;
}

/**
 * Finds the records in a response, whatever wrapping the server used (§3.2 items 8, 11):
 * a bare array, `{root: [...]}`, `{root: {item: [...]}}`, `{item: [...]}` from XML, a single record
 * where a list was expected, or nothing at all. `itemNames` are the element names of one record.
 */
export function records(value: Loose, itemNames: readonly string[], rootNames: readonly string[] = []): Rec[] {
  const out: Rec[] = [];
  const visit = (v: Loose, depth: number): void => {
    if (depth > 4 || v === null || v === undefined) return;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (isRecord(item)) {
          // A list of wrappers (`[{request: {...}}]`, Spark-like) or a list of records.
          // Looked up without building arrays per item: a list may hold 100,000 records.
          let inner: Loose | undefined;
          for (const n of itemNames) {
            if (item[n] !== undefined) {
              inner = item[n];
              break;
            }
          }
          if (inner !== undefined && Object.keys(item).length === 1) visit(inner, depth + 1);
          else out.push(item);
        } else if (Array.isArray(item)) {
          visit(item, depth + 1);
        }
      }
      return;
    }
    if (!isRecord(v)) return;
    for (const name of [...itemNames, ...rootNames]) {
      if (name in v) {
        visit(Array.isArray(v[name]) ? v[name] : [v[name]], depth + 1);
        return;
      }
    }
    const keys = Object.keys(v);
    const only = keys.length === 1 ? v[keys[0]] : undefined;
    const holdsRecords = isRecord(only) || (Array.isArray(only) && only.some((x) => isRecord(x) || Array.isArray(x)));
    if (holdsRecords && !looksLikeRecord(v)) {
      // An unknown single wrapper, e.g. `{"data": [...]}`.
      visit(v[keys[0]], depth + 1);
      return;
    }
    out.push(v);
  };
  visit(value, 0);
  return out;
}

/** Field names that show a record itself rather than a wrapper around records. */
const RECORD_FIELDS = new Set(['service_code', 'service_name', 'service_request_id', 'token', 'code', 'description', 'status', 'key', 'update_id', 'id']);

function looksLikeRecord(v: Rec): boolean {
  return Object.keys(v).some((k) => RECORD_FIELDS.has(k.toLowerCase()));
}
