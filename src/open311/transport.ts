import { Open311Error, isOpen311Error } from './errors.js';
import type { Open311ErrorKind } from './errors.js';
import type { Loose } from './models.js';
import { loadAnswerError, loadXmlReader, parseJson, sniff } from './tree.js';
import type { XmlParser } from './tree.js';

/**
 * The client's HTTP layer: URLs, GETs with retries and the JSON/XML format rule, POSTs sent once,
 * timeouts, capped bodies, and answers read into loose trees or {@link Open311Error}s. Used by
 * `client.ts` for the service list and by `calls.ts` (fetched on first use) for everything else.
 */

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

export interface RawResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
}

export interface Parsed {
  readonly value: Loose;
  readonly format: 'json' | 'xml';
}

export const DEFAULTS = {
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
export function coord(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

class TimeoutSignal {}

/** How a GET is made: `retry` (default true) after transient failures; `fresh` revalidates any HTTP cache (statuses change). */
export interface GetOptions {
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
export function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined, url: string): Promise<T> {
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

/** Where each resource is, given the format: `path('services')('json')`. */
export type PathFor = (fmt: 'json' | 'xml') => string;

/**
 * One endpoint's HTTP layer, shared by a client and its calls. `format` is the format in use: set
 * by the options, or by the first answer when `auto`.
 */
export class Transport {
  readonly endpoint: string;
  readonly options: Readonly<Open311ClientOptions>;
  format: 'json' | 'xml' | undefined;

  constructor(options: Open311ClientOptions) {
    this.options = { ...options };
    this.endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
    const format = options.format ?? 'auto';
    this.format = format === 'auto' ? undefined : format;
  }

  path(resource: string): PathFor {
    const template = this.options.pathTemplate ?? DEFAULTS.pathTemplate;
    return (fmt) => new URL(template.replace('{resource}', resource).replace('{format}', fmt), this.endpoint).href;
  }

  url(base: string, params: Record<string, string | undefined>, isGet = false): string {
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

  /**
   * GET with the format rule: in `auto`, JSON first; a JSON URL that is refused or answers with a
   * body that is not JSON (an HTML 404 page from an XML-only server) is tried again as XML, and the
   * working format is remembered.
   */
  async get(path: PathFor, params: Record<string, string | undefined>, signal: AbortSignal | undefined, how: GetOptions = {}): Promise<Parsed> {
    if (this.format) return this.getAs(path, this.format, params, signal, how);
    let jsonError: unknown;
    try {
      const parsed = await this.getAs(path, 'json', params, signal, how);
      this.format ??= 'json';
      return parsed;
    } catch (e) {
      // A readable JSON error answer settles the format; anything else may be an XML-only server.
      if (!isOpen311Error(e) || e.kind === 'aborted' || e.kind === 'timeout' || (e.kind === 'http' && e.errors.length > 0 && sniff(e.body ?? '') === 'json')) {
        if (isOpen311Error(e) && e.kind === 'http') this.format ??= 'json';
        throw e;
      }
      jsonError = e;
    }
    try {
      const parsed = await this.getAs(path, 'xml', params, signal, how);
      this.format ??= 'xml';
      return parsed;
    } catch (e) {
      if (isOpen311Error(e) && (e.kind === 'http' || e.kind === 'parse') && sniff(e.body ?? '') === 'xml') {
        this.format ??= 'xml';
        throw e;
      }
      // Neither worked: the JSON attempt's error says more about what is wrong (network, CORS, …).
      throw jsonError;
    }
  }

  private async getAs(
    path: PathFor,
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
    const fail = (kind: Open311ErrorKind, message: string, cause?: unknown): Open311Error => new Open311Error(message, { kind, url: redact(url), cause });
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
    if (ok && parsed) return parsed;
    // Anything else is an error, written by answer-error.ts (fetched on the first such answer, with
    // the readers of an error list and of an error page's words); without that code, the same kind
    // of error, saying what the status says.
    const error = await loadAnswerError().then(
      (m) => m.answerError(response, parsed, parseProblem),
      () => undefined,
    );
    throw (
      error ??
      new Open311Error(
        ok ? "The server's answer was empty or could not be read" : `The server answered ${status}: ${`${status} ${response.statusText}`.trim()}`,
        {
          kind: ok ? 'parse' : 'http',
          url,
          status,
          body: text,
          cause: ok ? parseProblem : undefined,
        },
      )
    );
  }

  /** POSTs `body` once (never retried) and reads the answer. */
  async post(path: PathFor, fmt: 'json' | 'xml', body: URLSearchParams | FormData, signal: AbortSignal | undefined): Promise<Parsed> {
    const url = this.url(path(fmt), {});
    return this.interpret(await this.send('POST', url, body, signal), fmt);
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
