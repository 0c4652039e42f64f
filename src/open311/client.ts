import { Open311Error, isOpen311Error } from './errors.js';
import type { Open311ErrorKind } from './errors.js';
import type {
  Discovery,
  Loose,
  NewServiceRequest,
  RequestUpdate,
  RequestsQuery,
  Service,
  ServiceDefinition,
  ServiceRequest,
  SubmitResult,
  TokenResult,
} from './models.js';
import {
  toDiscovery,
  toErrorItems,
  toRequestUpdates,
  toServiceDefinition,
  toServiceRequests,
  toServices,
  toSubmitResult,
  toTokenResult,
} from './normalise.js';
import { loadXmlReader, parseJson, sniff, textExcerpt } from './tree.js';
import type { XmlParser } from './tree.js';

/** Response format: `auto` tries JSON, falls back to XML when JSON is refused or unreadable, and remembers. */
export type Open311Format = 'json' | 'xml' | 'auto';

/**
 * How multivaluelist answers are encoded. `repeat` (`attribute[c]=a&attribute[c]=b`) is the default
 * because FixMyStreet sends it and open311-adapter, the strictest server seen, accepts it;
 * `brackets` is the spec's `attribute[c][]=a`; `comma` is Libre311's `attribute[c]=a,b` (§3.4 item 22).
 */
export type MultiValueEncoding = 'repeat' | 'brackets' | 'comma';

/** Options of {@link Open311Client}. */
export interface Open311ClientOptions {
  /** The endpoint base URL, e.g. `https://council.example/open311/v2/`. */
  endpoint: string;
  /** Sent as `jurisdiction_id` on every call when set (multi-jurisdiction endpoints only need it). */
  jurisdictionId?: string;
  /** Sent as `api_key`. Never put a real key in a public page: use a gateway that adds it. */
  apiKey?: string;
  /** Where the key goes: `post` (default: the spec; strict servers reject unknown GET parameters) or `all` (Boston 2017). */
  apiKeyOn?: 'post' | 'all';
  /** Default `auto`. */
  format?: Open311Format;
  /** Per attempt, covering headers and body. Default 15 s. */
  timeoutMs?: number;
  /** Default `repeat`. */
  multiValue?: MultiValueEncoding;
  /** Extra attempts for GETs after a network error, 429 or 5xx (never for POSTs). Default 2. */
  retries?: number;
  /** First back-off delay; doubles each time. Default 400 ms. */
  retryDelayMs?: number;
  /** Bodies longer than this are refused unread (hostile or broken servers). Default 5 MB. */
  maxBodyBytes?: number;
  /**
   * Path of each resource, `{resource}` (`services`, `requests/123`, …) and `{format}` (`json`, `xml`)
   * replaced. Default `{resource}.{format}`; `{resource}` alone for servers without suffixes (Libre311).
   */
  pathTemplate?: string;
  /** Send dates with `Z` (default) or without a zone for servers that reject one (Chicago, §3.5 item 26). */
  dateZone?: boolean;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** A DOMParser to read XML with instead of the built-in reader (which needs none, in browsers and Node alike). */
  xmlParser?: XmlParser;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A photo sent as multipart `media` for servers that accept uploads (GeoReport v2.1 draft, uReport). */
export interface MediaUpload {
  blob: Blob;
  fileName: string;
  /** Form field name. Default `media`. */
  field?: string;
}

interface RawResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
}

interface Parsed {
  readonly value: Loose;
  readonly format: 'json' | 'xml';
}

const DEFAULTS = {
  timeoutMs: 15_000,
  retries: 2,
  retryDelayMs: 400,
  maxBodyBytes: 5 * 1024 * 1024,
  pathTemplate: '{resource}.{format}',
} as const;

/** Formats a date the way most servers accept it: `YYYY-MM-DDTHH:MM:SSZ`, no milliseconds (§3.5 item 26). */
export function formatDate(value: Date, zone = true): string {
  const iso = value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return zone ? iso : iso.slice(0, -1);
}

/** Six decimals, about 10 cm: what FixMyStreet sends, and no float noise. */
function coord(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function list(v: string | readonly string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  const joined = (typeof v === 'string' ? [v] : v).map((s) => s.trim()).filter(Boolean).join(',');
  return joined === '' ? undefined : joined;
}

class TimeoutSignal {}

/** How a GET is made: `retry` (default true) after transient failures; `fresh` revalidates any HTTP cache (statuses change). */
interface GetOptions {
  retry?: boolean;
  fresh?: boolean;
}

/** Waits, unless the signal aborts first. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Lets one caller stop waiting for a shared promise without cancelling it for the others. */
function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined, url: string): Promise<T> {
  if (!signal) return promise;
  const aborted = (): Open311Error => new Open311Error('The request was cancelled', { kind: 'aborted', url });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * A GeoReport v2 client that tolerates what real servers do (shared/open311.md §3): XML-only
 * servers, ids as numbers, booleans as strings, root-keyed JSON, HTML error pages, tokens.
 * Knows nothing of any UI. Every call takes `{ signal }`; every failure is an {@link Open311Error}.
 */
export class Open311Client {
  readonly endpoint: string;
  readonly options: Readonly<Open311ClientOptions>;
  private resolvedFormat: 'json' | 'xml' | undefined;
  private servicesCache: Promise<Service[]> | undefined;
  private readonly definitionCache = new Map<string, Promise<ServiceDefinition>>();

  constructor(options: Open311ClientOptions) {
    if (!options.endpoint) throw new TypeError('Open311Client needs an endpoint URL');
    this.options = { ...options };
    this.endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
    const format = options.format ?? 'auto';
    this.resolvedFormat = format === 'auto' ? undefined : format;
  }

  /** The format in use: `json` or `xml`, or undefined while `auto` has not decided yet. */
  get format(): 'json' | 'xml' | undefined {
    return this.resolvedFormat;
  }

  // --- public calls -------------------------------------------------------------------------

  /** GET a discovery document (`…/discovery.json`); `url` may end in `/discovery` or carry a suffix. */
  async discovery(url: string, options: CallOptions = {}): Promise<Discovery> {
    const base = url.replace(/\.(json|xml)$/i, '');
    // The endpoint's path template says where the format goes (a suffix, a query, nowhere).
    const template = this.options.pathTemplate ?? DEFAULTS.pathTemplate;
    const parsed = await this.get((fmt) => template.replace('{resource}', base).replace('{format}', fmt), {}, options.signal);
    return toDiscovery(parsed.value);
  }

  /**
   * GET the service list. Cached per client (cleared on failure); `lat`/`long` (FMS, SeeClickFix,
   * the gateway) ask which services cover a point and are not cached.
   */
  services(options: CallOptions & { lat?: number; long?: number } = {}): Promise<Service[]> {
    if (options.lat !== undefined && options.long !== undefined) {
      const params = { lat: coord(options.lat), long: coord(options.long) };
      return this.get(this.path('services'), params, options.signal).then((p) => toServices(p.value));
    }
    if (!this.servicesCache) {
      const promise = this.get(this.path('services'), {}, undefined).then((p) => toServices(p.value));
      this.servicesCache = promise;
      promise.catch(() => {
        if (this.servicesCache === promise) this.servicesCache = undefined;
      });
    }
    return withSignal(this.servicesCache, options.signal, this.endpoint);
  }

  /** GET a service definition (cached per code, cleared on failure). */
  serviceDefinition(code: string, options: CallOptions = {}): Promise<ServiceDefinition> {
    let promise = this.definitionCache.get(code);
    if (!promise) {
      const p = this.get(this.path(`services/${encodeURIComponent(code)}`), {}, undefined).then((r) =>
        toServiceDefinition(r.value, code),
      );
      this.definitionCache.set(code, p);
      p.catch(() => {
        if (this.definitionCache.get(code) === p) this.definitionCache.delete(code);
      });
      promise = p;
    }
    return withSignal(promise, options.signal, this.endpoint);
  }

  /**
   * POST a service request. Never retried: a lost answer does not prove the server did nothing,
   * so the caller decides (the report flow checks recent requests before resending).
   */
  async submitRequest(input: NewServiceRequest, options: CallOptions & { media?: MediaUpload } = {}): Promise<SubmitResult> {
    const fmt = await this.ensureFormat(options.signal);
    const fields = this.postFields(input);
    let body: URLSearchParams | FormData;
    if (options.media) {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      form.append(options.media.field ?? 'media', options.media.blob, options.media.fileName);
      body = form;
    } else {
      body = fields;
    }
    const url = this.url(this.path('requests')(fmt), {});
    const response = await this.send('POST', url, body, options.signal);
    const parsed = await this.interpret(response, fmt);
    const result = toSubmitResult(parsed.value);
    // A 2xx without a record: a blackbox service that gives no reference, which is still a success.
    return result ?? { raw: parsed.value };
  }

  /**
   * Exchange a token for a request id. While the server has not processed it yet, real servers
   * answer 404, 400, an empty id or an empty list (§3.4 item 20): all mean `{ token }` with no id.
   */
  async tokenToId(token: string, options: CallOptions = {}): Promise<TokenResult> {
    try {
      const parsed = await this.get(this.path(`tokens/${encodeURIComponent(token)}`), {}, options.signal, { retry: false, fresh: true });
      return toTokenResult(parsed.value, token);
    } catch (e) {
      if (isOpen311Error(e) && e.kind === 'http' && (e.status === 404 || e.status === 400)) return { token };
      throw e;
    }
  }

  /** GET one request; `undefined` when the server says it does not know it (404, or FMS's 200 + empty list). */
  async request(id: string, options: CallOptions = {}): Promise<ServiceRequest | undefined> {
    try {
      const parsed = await this.get(this.path(`requests/${encodeURIComponent(id)}`), {}, options.signal, { fresh: true });
      const found = toServiceRequests(parsed.value);
      return found.find((r) => r.id === id || r.token === id) ?? found[0];
    } catch (e) {
      if (isOpen311Error(e) && e.kind === 'http' && e.status === 404) return undefined;
      throw e;
    }
  }

  /** GET requests with the spec's filters and the common extensions. */
  async requests(query: RequestsQuery = {}, options: CallOptions = {}): Promise<ServiceRequest[]> {
    const zone = this.options.dateZone ?? true;
    const when = (d: Date | string | undefined): string | undefined =>
      d === undefined ? undefined : typeof d === 'string' ? d : formatDate(d, zone);
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
    const parsed = await this.get(this.path('requests'), params, options.signal, { fresh: true });
    return toServiceRequests(parsed.value);
  }

  /** GET FixMyStreet's `servicerequestupdates` (an extension: a server without it answers 404). */
  async requestUpdates(query: { startDate?: Date; endDate?: Date } = {}, options: CallOptions = {}): Promise<RequestUpdate[]> {
    const zone = this.options.dateZone ?? true;
    const params = {
      start_date: query.startDate ? formatDate(query.startDate, zone) : undefined,
      end_date: query.endDate ? formatDate(query.endDate, zone) : undefined,
    };
    const parsed = await this.get(this.path('servicerequestupdates'), params, options.signal, { fresh: true });
    return toRequestUpdates(parsed.value);
  }

  /** POST an update to a request (FixMyStreet extension). Never retried. */
  async postRequestUpdate(
    update: { requestId: string; description: string; status?: string; email?: string; firstName?: string; lastName?: string; updateId?: string },
    options: CallOptions = {},
  ): Promise<RequestUpdate | undefined> {
    const fmt = await this.ensureFormat(options.signal);
    const fields = new URLSearchParams();
    if (this.options.apiKey) fields.set('api_key', this.options.apiKey);
    if (this.options.jurisdictionId) fields.set('jurisdiction_id', this.options.jurisdictionId);
    fields.set('service_request_id', update.requestId);
    fields.set('description', update.description);
    fields.set('updated_datetime', formatDate(new Date(), this.options.dateZone ?? true));
    // FMS posts statuses in upper case (§2.3).
    if (update.status) fields.set('status', update.status.toUpperCase());
    if (update.updateId) fields.set('update_id', update.updateId);
    if (update.email) fields.set('email', update.email);
    if (update.firstName) fields.set('first_name', update.firstName);
    if (update.lastName) fields.set('last_name', update.lastName);
    const url = this.url(this.path('servicerequestupdates')(fmt), {});
    const parsed = await this.interpret(await this.send('POST', url, fields, options.signal), fmt);
    return toRequestUpdates(parsed.value)[0];
  }

  /** Forget cached service lists and definitions (e.g. after the discovery changeset moved on). */
  clearCache(): void {
    this.servicesCache = undefined;
    this.definitionCache.clear();
  }

  // --- building requests ---------------------------------------------------------------------

  private path(resource: string): (fmt: 'json' | 'xml') => string {
    const template = this.options.pathTemplate ?? DEFAULTS.pathTemplate;
    return (fmt) => new URL(template.replace('{resource}', resource).replace('{format}', fmt), this.endpoint).href;
  }

  private url(base: string, params: Record<string, string | undefined>, isGet = false): string {
    const url = new URL(base);
    if (this.options.jurisdictionId && !url.searchParams.has('jurisdiction_id')) {
      url.searchParams.set('jurisdiction_id', this.options.jurisdictionId);
    }
    if (isGet && this.options.apiKey && this.options.apiKeyOn === 'all') url.searchParams.set('api_key', this.options.apiKey);
    for (const [k, v] of Object.entries(params)) {
      // The spec: an empty optional parameter is the same as an absent one, so send neither.
      if (v !== undefined && v !== '') url.searchParams.set(k, v);
    }
    return url.href;
  }

  /** The form fields of a POST, in the order the spec lists them. */
  postFields(input: NewServiceRequest): URLSearchParams {
    const f = new URLSearchParams();
    const set = (k: string, v: string | undefined): void => {
      const t = v?.trim();
      if (t) f.set(k, t);
    };
    set('api_key', this.options.apiKey);
    set('jurisdiction_id', this.options.jurisdictionId);
    set('service_code', input.serviceCode);
    if (input.lat !== undefined && input.long !== undefined && Number.isFinite(input.lat) && Number.isFinite(input.long)) {
      f.set('lat', coord(input.lat));
      f.set('long', coord(input.long));
    }
    set('address_string', input.addressString);
    set('address_id', input.addressId);
    set('email', input.email);
    set('device_id', input.deviceId);
    set('account_id', input.accountId);
    set('first_name', input.firstName);
    set('last_name', input.lastName);
    set('phone', input.phone);
    // Descriptions may keep line breaks but the spec caps them at 4,000 characters.
    if (input.description?.trim()) f.set('description', input.description.trim().slice(0, 4000));
    set('media_url', input.mediaUrl);
    const encoding = this.options.multiValue ?? 'repeat';
    for (const [code, value] of Object.entries(input.attributes ?? {})) {
      const name = `attribute[${code}]`;
      if (typeof value === 'string') {
        if (value !== '') f.append(name, value);
      } else if (value.length > 0) {
        if (encoding === 'comma') f.append(name, value.join(','));
        else for (const v of value) f.append(encoding === 'brackets' ? `${name}[]` : name, v);
      }
    }
    for (const [k, v] of Object.entries(input.extra ?? {})) f.append(k, v);
    return f;
  }

  // --- transport -----------------------------------------------------------------------------

  /** Decides the format for `auto` before a POST, with a GET (a POST is never sent twice to find out). */
  private async ensureFormat(signal: AbortSignal | undefined): Promise<'json' | 'xml'> {
    if (this.resolvedFormat) return this.resolvedFormat;
    await this.services({ signal });
    return this.resolvedFormat ?? 'json';
  }

  /**
   * GET with the format rule: in `auto`, JSON first; a JSON URL that is refused or answers with a
   * body that is not JSON (an HTML 404 page from an XML-only server) is tried again as XML, and the
   * working format is remembered.
   */
  private async get(
    path: (fmt: 'json' | 'xml') => string,
    params: Record<string, string | undefined>,
    signal: AbortSignal | undefined,
    how: GetOptions = {},
  ): Promise<Parsed> {
    if (this.resolvedFormat) return this.getAs(path, this.resolvedFormat, params, signal, how);
    let jsonError: unknown;
    try {
      const parsed = await this.getAs(path, 'json', params, signal, how);
      this.resolvedFormat ??= 'json';
      return parsed;
    } catch (e) {
      // A readable JSON error answer settles the format; anything else may be an XML-only server.
      if (!isOpen311Error(e) || e.kind === 'aborted' || e.kind === 'timeout' || (e.kind === 'http' && e.errors.length > 0 && sniff(e.body ?? '') === 'json')) {
        if (isOpen311Error(e) && e.kind === 'http') this.resolvedFormat ??= 'json';
        throw e;
      }
      jsonError = e;
    }
    try {
      const parsed = await this.getAs(path, 'xml', params, signal, how);
      this.resolvedFormat ??= 'xml';
      return parsed;
    } catch (e) {
      if (isOpen311Error(e) && (e.kind === 'http' || e.kind === 'parse') && sniff(e.body ?? '') === 'xml') {
        this.resolvedFormat ??= 'xml';
        throw e;
      }
      // Neither worked: the JSON attempt's error says more about what is wrong (network, CORS, …).
      throw jsonError;
    }
  }

  private async getAs(
    path: (fmt: 'json' | 'xml') => string,
    fmt: 'json' | 'xml',
    params: Record<string, string | undefined>,
    signal: AbortSignal | undefined,
    how: GetOptions,
  ): Promise<Parsed> {
    const url = this.url(path(fmt), params, true);
    const attempts = 1 + (how.retry === false ? 0 : Math.max(0, this.options.retries ?? DEFAULTS.retries));
    let wait = this.options.retryDelayMs ?? DEFAULTS.retryDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.interpret(await this.send('GET', url, undefined, signal, how.fresh ? 'no-cache' : 'default'), fmt);
      } catch (e) {
        const retryable = isOpen311Error(e) && e.kind !== 'timeout' && e.transient;
        if (!retryable || attempt >= attempts) throw e;
        try {
          await delay(wait, signal);
        } catch {
          throw new Open311Error('The request was cancelled', { kind: 'aborted', url });
        }
        wait *= 2;
      }
    }
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    body: URLSearchParams | FormData | undefined,
    signal: AbortSignal | undefined,
    cache: RequestCache = 'no-store',
  ): Promise<RawResponse> {
    if (signal?.aborted) throw new Open311Error('The request was cancelled', { kind: 'aborted', url });
    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? DEFAULTS.timeoutMs;
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (kind: Open311ErrorKind, message: string, cause?: unknown): Open311Error =>
      new Open311Error(message, { kind, url: redact(url), cause });
    const failure = (cause: unknown): Open311Error => {
      if (controller.signal.reason instanceof TimeoutSignal) {
        return fail('timeout', `The server did not answer within ${Math.round(timeoutMs / 1000)} seconds`, cause);
      }
      if (signal?.aborted) return fail('aborted', 'The request was cancelled', cause);
      return fail('network', 'The server could not be reached (offline, refused, or blocked by the browser)', cause);
    };
    try {
      const fetchFn = this.options.fetch ?? globalThis.fetch.bind(globalThis);
      const init: RequestInit = {
        method,
        signal: controller.signal,
        cache,
        // A public API: never send the council page's cookies along.
        credentials: 'omit',
        headers: { Accept: 'application/json, text/xml;q=0.9, application/xml;q=0.9, */*;q=0.1' },
      };
      if (body) init.body = body;
      let response: Response;
      try {
        response = await fetchFn(url, init);
      } catch (e) {
        throw failure(e);
      }
      let text: string;
      try {
        text = await readCapped(response, this.options.maxBodyBytes ?? DEFAULTS.maxBodyBytes);
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          throw new Open311Error('The server sent an answer too large to read', { kind: 'parse', url: redact(url), status: response.status });
        }
        throw failure(e);
      }
      return { url: redact(url), status: response.status, statusText: response.statusText, text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Reads a response: a 2xx must parse; anything else becomes an `http` error with the server's words. */
  private async interpret(response: RawResponse, fmt: 'json' | 'xml'): Promise<Parsed> {
    const { status, url, text } = response;
    const ok = status >= 200 && status < 300;
    let parsed: Parsed | undefined;
    let parseProblem: unknown;
    // The XML reader is its own chunk, fetched the first time a server answers XML: most servers
    // answer JSON, and a resident on a weak signal should not download what they never use.
    let xml: XmlReader | undefined;
    if (sniff(text) === 'xml') {
      try {
        xml = await loadXmlReader();
      } catch (e) {
        throw new Open311Error("The server's XML answer could not be read: part of this page could not be loaded", { kind: 'network', url, status, cause: e });
      }
    }
    try {
      parsed = parseBody(text, fmt, xml, this.options.xmlParser);
    } catch (e) {
      parseProblem = e;
    }
    if (ok) {
      if (parsed) return parsed;
      const excerpt = textExcerpt(text);
      return this.throwParse(url, status, text, excerpt, parseProblem);
    }
    const errors = parsed ? toErrorItems(parsed.value, status) : [];
    const plain = sniff(text) === 'other' ? textExcerpt(text, 300) : '';
    const words = errors.length
      ? errors.map((e) => e.description).join('; ')
      : plain || `${status}${response.statusText ? ` ${response.statusText}` : ''}`.trim();
    const fallbackItems = errors.length || !plain ? errors : [{ code: String(status), description: plain }];
    throw new Open311Error(`The server answered ${status}: ${words}`, {
      kind: 'http',
      url,
      status,
      errors: fallbackItems,
      body: text,
    });
  }

  private throwParse(url: string, status: number, text: string, excerpt: string, cause: unknown): never {
    throw new Open311Error(
      excerpt ? `The server's answer could not be read: ${excerpt}` : "The server's answer was empty or could not be read",
      { kind: 'parse', url, status, body: text, cause },
    );
  }
}

class BodyTooLarge extends Error {}

/** Reads a body as UTF-8 (invalid bytes become U+FFFD), refusing more than `max` bytes. */
async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    void response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge();
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Parses by what the body is, whatever was asked for and whatever the Content-Type said (§3.1 item 2). */
type XmlReader = Awaited<ReturnType<typeof loadXmlReader>>;

function parseBody(text: string, asked: 'json' | 'xml', xml: XmlReader | undefined, xmlParser: XmlParser | undefined): Parsed {
  const kind = sniff(text);
  if (kind === 'json') return { value: parseJson(text.replace(/^\uFEFF/, '')), format: 'json' };
  if (kind === 'xml' && xml) return { value: xml.parseXml(text.replace(/^\uFEFF/, '').trimStart(), xmlParser).value, format: 'xml' };
  if (text.trim() === '' && asked) throw new SyntaxError('Empty body');
  throw new SyntaxError(kind === 'html' ? 'HTML page' : 'Not JSON or XML');
}

/** Keeps api keys out of error messages and logs. */
function redact(url: string): string {
  return url.replace(/([?&]api_key=)[^&]*/gi, '$1[hidden]');
}

export { Open311Error };

const shared = new Map<string, Open311Client>();

/**
 * One client per endpoint, jurisdiction and format, shared by the elements of a page so that the
 * service list is fetched once. Options with a custom `fetch` or parser are never shared.
 */
export function clientFor(options: Open311ClientOptions): Open311Client {
  if (options.fetch || options.xmlParser) return new Open311Client(options);
  // Every option that changes what the client sends or accepts is part of the key: two elements
  // with different settings (a page's own `timeout`, `dateZone`, …) never share a client.
  const key = JSON.stringify(
    Object.entries(options)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  let client = shared.get(key);
  if (!client) {
    client = new Open311Client(options);
    shared.set(key, client);
  }
  return client;
}
