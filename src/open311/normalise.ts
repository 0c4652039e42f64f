import type {
  AttributeValue,
  Discovery,
  DiscoveryEndpoint,
  Loose,
  Open311Date,
  RequestUpdate,
  Service,
  ServiceAttribute,
  ServiceDefinition,
  ServiceRequest,
  ServiceType,
  SubmitResult,
  TokenResult,
} from './models.js';
import type { Open311ErrorItem } from './errors.js';

/**
 * Normalisers from loose trees (JSON or XML read by `tree.ts`) to the typed models. They never
 * throw on odd input: a field that cannot be read is absent, a record without what identifies it
 * is skipped. Each rule cites the quirk in `shared/open311.md` §3 that it answers.
 */

type Rec = { [key: string]: Loose };

function isRecord(v: Loose): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** FMS before 2017 sent every scalar as a one-element list (§3.2 item 11). */
function unwrap(v: Loose): Loose {
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

/**
 * Lenient date reading (§3.5 item 27): ISO 8601 with or without zone or milliseconds, a space
 * instead of `T`, single-digit days (`2011-09-1 17:35`). Unreadable text keeps `raw` and no `date`.
 */
export function date(v: Loose): Open311Date | undefined {
  const raw = str(v);
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  if (!m) return { raw };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 24 || parts[4] > 59 || parts[5] > 60) return { raw };
  let time: number;
  if (zone === undefined) {
    // No zone: the server's local time, which we cannot know; the reader's local time is the best guess.
    time = new Date(...parts).getTime();
  } else {
    time = Date.UTC(...parts);
    if (zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
  }
  return Number.isFinite(time) ? { raw, date: new Date(time) } : { raw };
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
function field(rec: Rec, ...names: string[]): Loose {
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
const RECORD_FIELDS = new Set([
  'service_code',
  'service_name',
  'service_request_id',
  'token',
  'code',
  'description',
  'status',
  'key',
  'update_id',
  'id',
]);

function looksLikeRecord(v: Rec): boolean {
  return Object.keys(v).some((k) => RECORD_FIELDS.has(k.toLowerCase()));
}

function keywordList(v: Loose, parts: string[] = []): string[] {
  const value = unwrap(v);
  // Pushed one by one: `push(...list)` overflows the stack on a list of a few hundred thousand.
  if (Array.isArray(value)) for (const item of value) keywordList(item, parts);
  else {
    const s = str(value);
    if (s) for (const p of s.split(',')) if (p.trim() !== '') parts.push(p.trim());
  }
  return parts;
}

function groupList(rec: Rec): string[] {
  const groups: string[] = [];
  const fms = field(rec, 'groups');
  if (fms !== undefined && fms !== null) {
    // FMS `<groups><group>A</group><group>B</group></groups>` or JSON `groups: [...]`.
    const inner = isRecord(fms) ? fms['group'] : fms;
    const list = Array.isArray(inner) ? inner : [inner];
    for (const g of list) {
      const s = str(g);
      if (s) groups.push(s);
    }
  }
  if (groups.length === 0) {
    const g = str(field(rec, 'group'));
    if (g) groups.push(g);
  }
  return [...new Set(groups)];
}

function serviceType(v: Loose): ServiceType {
  const t = str(v)?.toLowerCase();
  return t === 'batch' || t === 'blackbox' ? t : 'realtime';
}

/** The service list. Services without a code are skipped (FMS warns and skips them too, §3.3 item 16). */
export function toServices(value: Loose): Service[] {
  const out: Service[] = [];
  for (const rec of records(value, ['service'], ['services'])) {
    const code = str(field(rec, 'service_code'));
    if (code === undefined) continue;
    out.push({
      code,
      name: str(field(rec, 'service_name')) ?? code,
      description: str(field(rec, 'description')),
      metadata: bool(field(rec, 'metadata')),
      type: serviceType(field(rec, 'type')),
      keywords: keywordList(field(rec, 'keywords')),
      groups: groupList(rec),
      raw: rec,
    });
  }
  return out;
}

function toValues(v: Loose): AttributeValue[] {
  const out: AttributeValue[] = [];
  for (const rec of records(v, ['value'], ['values'])) {
    const key = str(field(rec, 'key'));
    if (key === undefined) continue;
    const disableMessage = str(field(rec, 'disable_message'));
    // No spread: a list may hold 100,000 values, and each spread is one more object to collect.
    const value: { key: string; name: string; disableMessage?: string } = { key, name: str(field(rec, 'name')) ?? key };
    if (disableMessage) value.disableMessage = disableMessage;
    out.push(value);
  }
  return out;
}

/**
 * A service definition in either shape: with an `attributes` wrapper or with `attribute`
 * elements straight under the root (the original v2 shape, §1.5). Sorted stably by `order`.
 */
export function toServiceDefinition(value: Loose, fallbackCode = ''): ServiceDefinition {
  let root: Loose = unwrap(value);
  // `{"service_definition": {...}}` (root-keyed) or a list holding the definition.
  if (isRecord(root) && isRecord(root['service_definition'])) root = root['service_definition'];
  if (Array.isArray(root)) root = root.find(isRecord) ?? {};
  const rec: Rec = isRecord(root) ? root : {};
  const source = field(rec, 'attributes') ?? field(rec, 'attribute') ?? null;
  const attrs: ServiceAttribute[] = [];
  for (const a of records(source, ['attribute'], ['attributes'])) {
    const code = str(field(a, 'code'));
    if (code === undefined) continue;
    const automated = str(field(a, 'automated'))?.toLowerCase();
    const datatypeDescription = str(field(a, 'datatype_description'));
    const order = num(field(a, 'order'));
    attrs.push({
      code,
      variable: bool(field(a, 'variable'), true),
      datatype: str(field(a, 'datatype'))?.toLowerCase() ?? 'string',
      required: bool(field(a, 'required')),
      description: str(field(a, 'description')) ?? code,
      values: toValues(field(a, 'values') ?? null),
      ...(datatypeDescription ? { datatypeDescription } : {}),
      ...(order !== undefined ? { order } : {}),
      ...(automated ? { automated } : {}),
      raw: a,
    });
  }
  const sorted = attrs
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.order ?? Infinity) - (y.a.order ?? Infinity) || x.i - y.i)
    .map((x) => x.a);
  return { serviceCode: str(field(rec, 'service_code')) ?? fallbackCode, attributes: sorted, raw: rec };
}

function mediaList(v: Loose, out: string[] = []): string[] {
  const value = isRecord(v) ? (v['media_url'] ?? v['url'] ?? null) : v;
  if (Array.isArray(value)) for (const item of value) mediaList(item, out);
  else {
    const s = str(value);
    if (s) out.push(s);
  }
  return out;
}

function textOf(v: Loose): string | undefined {
  // FMS-as-server sends `agency_responsible` as `{"recipient": [...]}`.
  if (isRecord(v)) {
    const parts = Object.values(v).flatMap((x) => (Array.isArray(x) ? x : [x])).map(str).filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (Array.isArray(v) && v.length > 1) {
    const parts = v.map(str).filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  }
  return str(v);
}

/** Coordinates only when they are real WGS84 values (some feeds put eastings/northings there, §3.3 item 19). */
function coordinate(v: Loose, limit: number): number | undefined {
  const n = num(v);
  return n !== undefined && Math.abs(n) <= limit ? n : undefined;
}

/** One request record; `id` also read from `servicerequest_id` (Mark-a-Spot) and `id` (SeeClickFix). */
export function toServiceRequest(rec: Rec): ServiceRequest {
  const lat = coordinate(field(rec, 'lat'), 90);
  const long = coordinate(field(rec, 'long', 'lng', 'lon'), 180);
  const bothCoords = lat !== undefined && long !== undefined;
  // Built field by field, absent ones left out (1,000 requests are normalised in a few milliseconds).
  const out: { -readonly [K in keyof ServiceRequest]?: unknown } = {};
  const entries: Partial<Record<keyof ServiceRequest, unknown>> = {
    id: str(field(rec, 'service_request_id', 'servicerequest_id', 'id')),
    token: str(field(rec, 'token')),
    status: str(field(rec, 'status'))?.toLowerCase(),
    statusNotes: str(field(rec, 'status_notes', 'status_note')),
    serviceName: str(field(rec, 'service_name')),
    serviceCode: str(field(rec, 'service_code')),
    description: str(field(rec, 'description')),
    agencyResponsible: textOf(field(rec, 'agency_responsible')),
    serviceNotice: str(field(rec, 'service_notice')),
    requested: date(field(rec, 'requested_datetime')),
    updated: date(field(rec, 'updated_datetime')),
    expected: date(field(rec, 'expected_datetime')),
    address: str(field(rec, 'address', 'address_string')),
    addressId: str(field(rec, 'address_id')),
    zipcode: str(field(rec, 'zipcode')),
    lat: bothCoords ? lat : undefined,
    long: bothCoords ? long : undefined,
  };
  for (const key in entries) {
    const value = entries[key as keyof ServiceRequest];
    if (value !== undefined) out[key as keyof ServiceRequest] = value;
  }
  out.mediaUrls = mediaList(field(rec, 'media_url', 'media_urls') ?? null);
  out.raw = rec;
  return out as ServiceRequest;
}

const REQUEST_NAMES = ['request', 'service_request'] as const;
const REQUEST_ROOTS = ['service_requests', 'requests'] as const;

/** A request list; records with neither id nor token are skipped (Chicago's pending ones, §3.3 item 17). */
export function toServiceRequests(value: Loose): ServiceRequest[] {
  return records(value, REQUEST_NAMES, REQUEST_ROOTS)
    .map(toServiceRequest)
    .filter((r) => r.id !== undefined || r.token !== undefined);
}

/** The answer to a POST: the first record with an id, a token, or a notice. */
export function toSubmitResult(value: Loose): SubmitResult | undefined {
  const recs = records(value, REQUEST_NAMES, REQUEST_ROOTS);
  const rec = recs.find((r) => str(field(r, 'service_request_id', 'id')) !== undefined || str(field(r, 'token')) !== undefined) ?? recs[0];
  if (!rec) return undefined;
  const out: { -readonly [K in keyof SubmitResult]?: SubmitResult[K] } = { raw: rec };
  const id = str(field(rec, 'service_request_id', 'servicerequest_id', 'id'));
  const token = str(field(rec, 'token'));
  const notice = str(field(rec, 'service_notice'));
  const account = str(field(rec, 'account_id'));
  if (id !== undefined) out.id = id;
  if (token !== undefined) out.token = token;
  if (notice !== undefined) out.serviceNotice = notice;
  if (account !== undefined) out.accountId = account;
  return out as SubmitResult;
}

/** A token lookup answer; an empty id or an empty list means "not processed yet" (§3.4 item 20). */
export function toTokenResult(value: Loose, token: string): TokenResult {
  for (const rec of records(value, REQUEST_NAMES, REQUEST_ROOTS)) {
    const id = str(field(rec, 'service_request_id', 'servicerequest_id', 'id'));
    if (id !== undefined) return { token, id };
  }
  return { token };
}

/** A discovery document. */
export function toDiscovery(value: Loose): Discovery {
  let root = unwrap(value);
  if (isRecord(root) && isRecord(root['discovery'])) root = root['discovery'];
  const rec: Rec = isRecord(root) ? root : {};
  const endpoints: DiscoveryEndpoint[] = records(field(rec, 'endpoints') ?? null, ['endpoint'], ['endpoints']).map((e) => {
    const formatsRaw = field(e, 'formats');
    const formatsList = isRecord(formatsRaw) ? formatsRaw['format'] : formatsRaw;
    const formats = (Array.isArray(formatsList) ? formatsList : [formatsList]).map(str).filter((f): f is string => !!f);
    const out: { -readonly [K in keyof DiscoveryEndpoint]?: DiscoveryEndpoint[K] } = { formats };
    const spec = str(field(e, 'specification'));
    const url = str(field(e, 'url'));
    const changeset = str(field(e, 'changeset'));
    const type = str(field(e, 'type'));
    if (spec) out.specification = spec;
    if (url) out.url = url;
    if (changeset) out.changeset = changeset;
    if (type) out.type = type;
    return out as DiscoveryEndpoint;
  });
  const out: { -readonly [K in keyof Discovery]?: Discovery[K] } = { endpoints, raw: rec };
  const changeset = str(field(rec, 'changeset'));
  const contact = str(field(rec, 'contact'));
  const keyService = str(field(rec, 'key_service'));
  if (changeset) out.changeset = changeset;
  if (contact) out.contact = contact;
  if (keyService) out.keyService = keyService;
  return out as Discovery;
}

/** FMS `servicerequestupdates` (root `service_request_updates`, or FMS's own `service_requests_updates`). */
export function toRequestUpdates(value: Loose): RequestUpdate[] {
  return records(value, ['request_update'], ['service_request_updates', 'service_requests_updates']).map((rec) => {
    const out: { -readonly [K in keyof RequestUpdate]?: RequestUpdate[K] } = {
      mediaUrls: mediaList(field(rec, 'media_url') ?? null),
      raw: rec,
    };
    const id = str(field(rec, 'update_id'));
    const requestId = str(field(rec, 'service_request_id'));
    const status = str(field(rec, 'status'))?.toLowerCase();
    const updated = date(field(rec, 'updated_datetime'));
    const description = str(field(rec, 'description'));
    if (id !== undefined) out.id = id;
    if (requestId !== undefined) out.requestId = requestId;
    if (status !== undefined) out.status = status;
    if (updated !== undefined) out.updated = updated;
    if (description !== undefined) out.description = description;
    return out as RequestUpdate;
  });
}

/**
 * The server's error list from any of the shapes seen (§3.1 item 3): the spec's `[{code,
 * description}]` / `<errors><error>`, a bare `<error>text</error>`, Boston's `message`, Rails-style
 * `{"base": [...]}`, `{"error": "..."}`. Returns an empty list when nothing readable is there.
 */
export function toErrorItems(value: Loose, status?: number): Open311ErrorItem[] {
  const fallbackCode = status !== undefined ? String(status) : '';
  const root = unwrap(value);
  if (typeof root === 'string' || typeof root === 'number') {
    const s = str(root);
    return s ? [{ code: fallbackCode, description: s }] : [];
  }
  const out: Open311ErrorItem[] = [];
  for (const rec of records(root, ['error'], ['errors'])) {
    const description = str(field(rec, 'description', 'message', 'error', 'detail', 'title'));
    if (description) {
      out.push({ code: str(field(rec, 'code', 'status')) ?? fallbackCode, description });
      continue;
    }
    // Rails-style `{"base": ["is a duplicate"], "email": ["is invalid"]}` or `{"errors": {...}}`.
    for (const [k, v] of Object.entries(rec)) {
      const list = Array.isArray(v) ? v : [v];
      for (const item of list) {
        const s = str(item);
        if (s) out.push({ code: fallbackCode, description: k === 'base' ? s : `${k} ${s}` });
      }
    }
  }
  return out;
}
