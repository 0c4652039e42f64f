import { isOpen311Error } from './errors.js';
import type { Open311Error } from './errors.js';
import type {
  AreaContact,
  Discovery,
  NewRequestUpdate,
  OutsideArea,
  RequestUpdate,
  RequestsQuery,
  Service,
  ServiceDefinition,
  ServiceRequest,
  ServicesAt,
  SubmitResult,
  TokenResult,
} from './models.js';
import { toServiceDefinition } from './definition.js';
import { toDiscovery } from './discovery.js';
import { toRequestUpdates, toServiceRequests, toSubmitResult, toTokenResult } from './requests.js';
import { DEFAULTS, coord, formatDate, withSignal } from './transport.js';
import { bool, field, isRecord, records, str, unwrap } from './fields.js';
import { toServices } from './service-list.js';
import { loadXmlReader, parseJson, sniff } from './tree.js';
import type { MediaUpload, Transport } from './transport.js';

/**
 * The client's calls other than the service list: a service definition, sending a report and
 * reading reports, tokens and updates. `Open311Client` fetches this module (and the readers it
 * uses) the first time one of them is called, so a page's first screen (a list of services to
 * choose from) downloads none of it. Each takes the client's {@link Transport}; `fmt` is the format
 * the client settled on with a GET before any POST (a POST is never sent twice to find out).
 */

/** GET a discovery document; `url` may end in `/discovery` or carry a suffix. */
export async function discovery(t: Transport, url: string, signal: AbortSignal | undefined): Promise<Discovery> {
  const base = url.replace(/\.(json|xml)$/i, '');
  // The endpoint's path template says where the format goes (a suffix, a query, nowhere).
  const template = t.options.pathTemplate ?? DEFAULTS.pathTemplate;
  const parsed = await t.get((fmt) => template.replace('{resource}', base).replace('{format}', fmt), {}, signal);
  return toDiscovery(parsed.value);
}

/** GET a service definition. */
export async function serviceDefinition(t: Transport, code: string): Promise<ServiceDefinition> {
  const parsed = await t.get(t.path(`services/${encodeURIComponent(code)}`), {}, undefined);
  return toServiceDefinition(parsed.value, code);
}

/** POST a service request (`fields` from `postFields`), with a photo as multipart when given. Never retried. */
export async function submitRequest(
  t: Transport,
  fmt: 'json' | 'xml',
  fields: URLSearchParams,
  media: MediaUpload | undefined,
  signal: AbortSignal | undefined,
): Promise<SubmitResult> {
  let body: URLSearchParams | FormData;
  if (media) {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    form.append(media.field ?? 'media', media.blob, media.fileName);
    body = form;
  } else {
    body = fields;
  }
  const parsed = await t.post(t.path('requests'), fmt, body, signal);
  // A 2xx without a record: a blackbox service that gives no reference, which is still a success.
  return toSubmitResult(parsed.value) ?? { raw: parsed.value };
}

/** Exchange a token for a request id; "not processed yet" in any of its spellings is `{ token }`. */
export async function tokenToId(t: Transport, token: string, signal: AbortSignal | undefined): Promise<TokenResult> {
  try {
    const parsed = await t.get(t.path(`tokens/${encodeURIComponent(token)}`), {}, signal, { retry: false, fresh: true });
    return toTokenResult(parsed.value, token);
  } catch (e) {
    if (isOpen311Error(e) && e.kind === 'http' && (e.status === 404 || e.status === 400)) return { token };
    throw e;
  }
}

/** GET one request; `undefined` when the server says it does not know it (404, or FMS's 200 + empty list). */
export async function request(t: Transport, id: string, signal: AbortSignal | undefined): Promise<ServiceRequest | undefined> {
  try {
    const parsed = await t.get(t.path(`requests/${encodeURIComponent(id)}`), {}, signal, { fresh: true });
    const found = toServiceRequests(parsed.value);
    return found.find((r) => r.id === id || r.token === id) ?? found[0];
  } catch (e) {
    if (isOpen311Error(e) && e.kind === 'http' && e.status === 404) return undefined;
    throw e;
  }
}

function list(v: string | readonly string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  const joined = (typeof v === 'string' ? [v] : v)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(',');
  return joined === '' ? undefined : joined;
}

/** GET requests with the spec's filters and the common extensions. */
export async function requests(t: Transport, query: RequestsQuery, signal: AbortSignal | undefined): Promise<ServiceRequest[]> {
  const zone = t.options.dateZone ?? true;
  const when = (d: Date | string | undefined): string | undefined => (d === undefined ? undefined : typeof d === 'string' ? d : formatDate(d, zone));
  const params: Record<string, string | undefined> = {
    service_request_id: list(query.ids),
    service_code: list(query.serviceCodes),
    status: list(query.status),
    start_date: when(query.startDate),
    end_date: when(query.endDate),
    page: query.page?.toString(),
    page_size: query.pageSize?.toString(),
    lat: query.lat === undefined ? undefined : coord(query.lat),
    long: query.long === undefined ? undefined : coord(query.long),
    radius: query.radius?.toString(),
    ...query.extra,
  };
  const parsed = await t.get(t.path('requests'), params, signal, { fresh: true });
  return toServiceRequests(parsed.value);
}

/** GET FixMyStreet's `servicerequestupdates` (an extension: a server without it answers 404). */
export async function requestUpdates(t: Transport, query: { startDate?: Date; endDate?: Date }, signal: AbortSignal | undefined): Promise<RequestUpdate[]> {
  const zone = t.options.dateZone ?? true;
  const params = {
    start_date: query.startDate ? formatDate(query.startDate, zone) : undefined,
    end_date: query.endDate ? formatDate(query.endDate, zone) : undefined,
  };
  const parsed = await t.get(t.path('servicerequestupdates'), params, signal, { fresh: true });
  return toRequestUpdates(parsed.value);
}

/** POST an update to a request (FixMyStreet extension). Never retried. */
export async function postRequestUpdate(
  t: Transport,
  fmt: 'json' | 'xml',
  update: NewRequestUpdate,
  signal: AbortSignal | undefined,
): Promise<RequestUpdate | undefined> {
  const fields = new URLSearchParams();
  if (t.options.apiKey) fields.set('api_key', t.options.apiKey);
  if (t.options.jurisdictionId) fields.set('jurisdiction_id', t.options.jurisdictionId);
  fields.set('service_request_id', update.requestId);
  fields.set('description', update.description);
  fields.set('updated_datetime', formatDate(new Date(), t.options.dateZone ?? true));
  // FMS posts statuses in upper case (§2.3).
  if (update.status) fields.set('status', update.status.toUpperCase());
  if (update.updateId) fields.set('update_id', update.updateId);
  if (update.email) fields.set('email', update.email);
  if (update.firstName) fields.set('first_name', update.firstName);
  if (update.lastName) fields.set('last_name', update.lastName);
  const parsed = await t.post(t.path('servicerequestupdates'), fmt, fields, signal);
  return toRequestUpdates(parsed.value)[0];
}

/** One place's question to the server, shared by every caller asking about the same point. */
export interface PlaceAsk {
  readonly answer: Promise<ServicesAt>;
  readonly stop: AbortController;
  waiting: number;
  done: boolean;
}

/** How many places' answers a client keeps (a resident moves the pin back and forth; the chooser asks again). */
const PLACES_KEPT = 20;

/**
 * GET the services handled at a point (`services.json?lat=&long=`, issue 19). One request per point
 * for all callers (`places`, the client's cache): the picker checking the pin and the chooser
 * offering the list share it. It is cancelled when every caller has gone (the pin moved on), and
 * forgotten when it fails, so the next caller asks again.
 */
export function servicesAt(t: Transport, places: Map<string, PlaceAsk>, lat: number, long: number, signal: AbortSignal | undefined): Promise<ServicesAt> {
  const params = { lat: coord(lat), long: coord(long) };
  const key = `${params.lat},${params.long}`;
  let ask = places.get(key);
  // One being cancelled (everyone before this caller went away) is not joined: asked afresh.
  if (!ask || ask.stop.signal.aborted) {
    const stop = new AbortController();
    const made: PlaceAsk = { answer: askPlace(t, params, stop.signal), stop, waiting: 0, done: false };
    made.answer.then(
      () => (made.done = true),
      () => {
        made.done = true;
        if (places.get(key) === made) places.delete(key);
      },
    );
    places.set(key, made);
    // The oldest place goes first (a Map keeps insertion order).
    if (places.size > PLACES_KEPT) places.delete(places.keys().next().value as string);
    ask = made;
  }
  const shared = ask;
  shared.waiting++;
  return withSignal(shared.answer, signal, t.endpoint).finally(() => {
    // The last caller has gone before the answer came: nobody wants it any more.
    if (--shared.waiting === 0 && !shared.done) shared.stop.abort();
  });
}

async function askPlace(t: Transport, params: { lat: string; long: string }, signal: AbortSignal): Promise<ServicesAt> {
  try {
    const parsed = await t.get(t.path('services'), params, signal);
    return { services: oneOfEachName(toServices(parsed.value)) };
  } catch (e) {
    const outside = isOpen311Error(e) && e.status === 400 ? await outsideArea(e) : undefined;
    if (outside) return { outside };
    throw e;
  }
}

/**
 * One service per name at a point: two bodies covering the pin may both list "Pothole" (the gateway
 * merges them, the pin contract item 1; a server may not). The first, the one the server put first, is kept.
 */
function oneOfEachName(services: Service[]): Service[] {
  const seen = new Set<string>();
  return services.filter((s) => {
    const name = s.name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

/**
 * A 400 whose first error says `outside_area` (the pin contract, item 2): the server's words and the
 * neighbour it names, if any. Read again from the body the error keeps (JSON or XML): the error list
 * the transport reads has only codes and descriptions.
 */
export async function outsideArea(error: Open311Error): Promise<OutsideArea | undefined> {
  const body = (error.body ?? '').replace(/^\uFEFF/, '').trim();
  let value;
  try {
    const kind = sniff(body);
    value = kind === 'json' ? parseJson(body) : kind === 'xml' ? (await loadXmlReader()).parseXml(body).value : undefined;
  } catch {
    return undefined;
  }
  const first = records(value, ['error'], ['errors'])[0];
  if (!first || !bool(field(first, 'outside_area'))) return undefined;
  const c = unwrap(field(first, 'contact'));
  const contact: AreaContact | undefined = isRecord(c)
    ? Object.fromEntries(
        (['name', 'url', 'phone'] as const).flatMap((k) => {
          const v = str(field(c, k))?.trim();
          return v ? [[k, v]] : [];
        }),
      )
    : undefined;
  return {
    description: str(field(first, 'description')) ?? '',
    ...(contact && Object.keys(contact).length ? { contact } : {}),
  };
}
