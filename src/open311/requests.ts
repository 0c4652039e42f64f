import { field, isRecord, num, records, str } from './fields.js';
import type { Rec } from './fields.js';
import type { Loose, Open311Date, RequestUpdate, ServiceRequest, SubmitResult, TokenResult } from './models.js';

/** Reports (service requests), the answers to a POST and to a token, and FMS updates. */

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
    const parts = Object.values(v)
      .flatMap((x) => (Array.isArray(x) ? x : [x]))
      .map(str)
      .filter(Boolean);
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
