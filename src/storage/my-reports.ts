import { readItem, removeItem, writeItem } from './local.js';

/**
 * "My reports": the requests submitted from this browser, kept in localStorage so the resident can
 * find them again without an account (issue 5). The report flow calls {@link addMyReport} after a
 * submit; `<open311-my-reports>` (and `<open311-status-tracker mine>`, which embeds it) lists them.
 * Shared by the report and the tracker, so it belongs to neither element's folder.
 */

/** The storage key of the list. */
export const MY_REPORTS_KEY = 'open311:my-reports';

/** At most this many reports are kept (oldest dropped first): the list is for recent reports. */
export const MY_REPORTS_LIMIT = 50;

/** One report submitted from this browser. */
export interface MyReport {
  /** The request id (`service_request_id`), once known. */
  readonly id?: string;
  /** The token the server gave instead of an id (batch services), until it becomes an id. */
  readonly token?: string;
  readonly serviceCode?: string;
  readonly serviceName?: string;
  /** When it was submitted (ISO 8601). */
  readonly submittedAt: string;
  /** The endpoint it was sent to; lists for another endpoint leave it out. */
  readonly endpoint?: string;
}

/** What {@link addMyReport} takes: `submittedAt` may be a `Date`. */
export type NewMyReport = Omit<MyReport, 'submittedAt'> & { submittedAt?: string | Date };

function isReport(value: unknown): value is MyReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const optionalString = (k: string): boolean => r[k] === undefined || typeof r[k] === 'string';
  return (
    typeof r.submittedAt === 'string' &&
    (typeof r.id === 'string' || typeof r.token === 'string') &&
    ['id', 'token', 'serviceCode', 'serviceName', 'endpoint'].every(optionalString)
  );
}

/** Everything stored, in stored order (oldest first); a damaged value reads as an empty list. */
function readAll(): MyReport[] {
  const text = readItem(MY_REPORTS_KEY);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isReport) : [];
  } catch {
    return [];
  }
}

function writeAll(list: readonly MyReport[]): void {
  writeItem(MY_REPORTS_KEY, JSON.stringify(list.slice(-MY_REPORTS_LIMIT)));
}

function same(a: MyReport, b: { id?: string; token?: string }): boolean {
  return (!!a.id && a.id === b.id) || (!!a.token && a.token === b.token);
}

/** Adds a report (or updates the one with the same id or token). Needs an `id` or a `token`. */
export function addMyReport(report: NewMyReport): void {
  if (!report.id && !report.token) return;
  const submittedAt = report.submittedAt instanceof Date ? report.submittedAt.toISOString() : (report.submittedAt ?? new Date().toISOString());
  const entry: MyReport = Object.fromEntries(Object.entries({ ...report, submittedAt }).filter(([, v]) => v !== undefined && v !== '')) as unknown as MyReport;
  const list = readAll();
  const at = list.findIndex((r) => same(r, entry));
  if (at >= 0) list[at] = { ...list[at], ...entry };
  else list.push(entry);
  writeAll(list);
}

/** Records the id a token became, keeping the report's place in the list. */
export function setMyReportId(token: string, id: string): void {
  const list = readAll();
  const at = list.findIndex((r) => r.token === token);
  if (at < 0 || list[at].id === id) return;
  list[at] = { ...list[at], id };
  writeAll(list);
}

/** The reports submitted from this browser, newest first; only those for `endpoint` when given. */
export function myReports(endpoint?: string): MyReport[] {
  const list = readAll().filter((r) => !endpoint || !r.endpoint || sameEndpoint(r.endpoint, endpoint));
  return list
    .map((r, i) => ({ r, i, t: Date.parse(r.submittedAt) }))
    .sort((a, b) => (Number.isNaN(b.t) ? 0 : b.t) - (Number.isNaN(a.t) ? 0 : a.t) || b.i - a.i)
    .map(({ r }) => r);
}

/** Forgets every report (a shared computer, or the resident asked). */
export function forgetMyReports(): void {
  removeItem(MY_REPORTS_KEY);
}

function sameEndpoint(a: string, b: string): boolean {
  const norm = (s: string): string => (s.endsWith('/') ? s : `${s}/`);
  return norm(a) === norm(b);
}
