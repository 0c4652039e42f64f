import { Open311Error } from './errors.js';
import type {
  Discovery,
  NewRequestUpdate,
  NewServiceRequest,
  RequestUpdate,
  RequestsQuery,
  Service,
  ServiceDefinition,
  ServiceRequest,
  ServicesAt,
  SubmitResult,
  TokenResult,
} from './models.js';
import { onFirstUse } from './once.js';
import { toServices } from './service-list.js';
import { Transport, coord, withSignal } from './transport.js';
import type { CallOptions, MediaUpload, Open311ClientOptions } from './transport.js';

export { formatDate } from './transport.js';
export type { CallOptions, MediaUpload, MultiValueEncoding, Open311ClientOptions, Open311Format } from './transport.js';

/**
 * Every call but the service list, with the readers it needs, fetched on first use (`calls.ts`): a
 * page whose first screen is a list of services downloads only the HTTP layer and that list's
 * reader. A failed fetch is an `Open311Error` of kind `network`, like any request that got no answer,
 * so the caller's "try again" (or the report's offline queue) covers it; it is fetched again then.
 */
const loadCalls = onFirstUse(() => import('./calls.js'));

async function calls(url: string): Promise<typeof import('./calls.js')> {
  try {
    return await loadCalls();
  } catch (e) {
    throw new Open311Error('Part of this page could not be loaded: check the connection and try again', { kind: 'network', url, cause: e });
  }
}

/**
 * A GeoReport v2 client that tolerates what real servers do (shared/open311.md §3): XML-only
 * servers, ids as numbers, booleans as strings, root-keyed JSON, HTML error pages, tokens.
 * Knows nothing of any UI. Every call takes `{ signal }`; every failure is an {@link Open311Error}.
 * The HTTP layer is `transport.ts`; the calls beyond the service list are in `calls.ts`.
 */
export class Open311Client {
  readonly endpoint: string;
  readonly options: Readonly<Open311ClientOptions>;
  private readonly transport: Transport;
  private servicesCache: Promise<Service[]> | undefined;
  private readonly definitionCache = new Map<string, Promise<ServiceDefinition>>();
  /** The services at each point asked about (`servicesAt`), shared by the elements that ask. */
  private readonly places = new Map<string, import('./calls.js').PlaceAsk>();

  constructor(options: Open311ClientOptions) {
    if (!options.endpoint) throw new TypeError('Open311Client needs an endpoint URL');
    this.transport = new Transport(options);
    this.options = this.transport.options;
    this.endpoint = this.transport.endpoint;
  }

  /** The format in use: `json` or `xml`, or undefined while `auto` has not decided yet. */
  get format(): 'json' | 'xml' | undefined {
    return this.transport.format;
  }

  // --- public calls -------------------------------------------------------------------------

  /** GET a discovery document (`…/discovery.json`); `url` may end in `/discovery` or carry a suffix. */
  async discovery(url: string, options: CallOptions = {}): Promise<Discovery> {
    return (await calls(url)).discovery(this.transport, url, options.signal);
  }

  /**
   * GET the service list. Cached per client (cleared on failure); `lat`/`long` (FMS, SeeClickFix,
   * the gateway) ask which services cover a point and are not cached.
   */
  services(options: CallOptions & { lat?: number; long?: number } = {}): Promise<Service[]> {
    const t = this.transport;
    if (options.lat !== undefined && options.long !== undefined) {
      const params = { lat: coord(options.lat), long: coord(options.long) };
      return t.get(t.path('services'), params, options.signal).then((p) => toServices(p.value));
    }
    if (!this.servicesCache) {
      const promise = t.get(t.path('services'), {}, undefined).then((p) => toServices(p.value));
      this.servicesCache = promise;
      promise.catch(() => {
        if (this.servicesCache === promise) this.servicesCache = undefined;
      });
    }
    return withSignal(this.servicesCache, options.signal, this.endpoint);
  }

  /**
   * GET the services handled at a point (`services.json?lat=&long=`: the gateway, the local server,
   * FixMyStreet), one per name; or `outside` when the server says the point is in none of its areas
   * (HTTP 400 with `outside_area`, naming who covers it). A server that ignores lat/long gives its
   * whole list. Cached per point; cancelled once no caller waits for it (issue 19).
   */
  async servicesAt(lat: number, long: number, options: CallOptions = {}): Promise<ServicesAt> {
    return (await calls(this.endpoint)).servicesAt(this.transport, this.places, lat, long, options.signal);
  }

  /** GET a service definition (cached per code, cleared on failure). */
  serviceDefinition(code: string, options: CallOptions = {}): Promise<ServiceDefinition> {
    let promise = this.definitionCache.get(code);
    if (!promise) {
      const p = calls(this.endpoint).then((c) => c.serviceDefinition(this.transport, code));
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
    const [c, fmt] = await Promise.all([calls(this.endpoint), this.ensureFormat(options.signal)]);
    return c.submitRequest(this.transport, fmt, this.postFields(input), options.media, options.signal);
  }

  /**
   * Exchange a token for a request id. While the server has not processed it yet, real servers
   * answer 404, 400, an empty id or an empty list (§3.4 item 20): all mean `{ token }` with no id.
   */
  async tokenToId(token: string, options: CallOptions = {}): Promise<TokenResult> {
    return (await calls(this.endpoint)).tokenToId(this.transport, token, options.signal);
  }

  /** GET one request; `undefined` when the server says it does not know it (404, or FMS's 200 + empty list). */
  async request(id: string, options: CallOptions = {}): Promise<ServiceRequest | undefined> {
    return (await calls(this.endpoint)).request(this.transport, id, options.signal);
  }

  /** GET requests with the spec's filters and the common extensions. */
  async requests(query: RequestsQuery = {}, options: CallOptions = {}): Promise<ServiceRequest[]> {
    return (await calls(this.endpoint)).requests(this.transport, query, options.signal);
  }

  /** GET FixMyStreet's `servicerequestupdates` (an extension: a server without it answers 404). */
  async requestUpdates(query: { startDate?: Date; endDate?: Date } = {}, options: CallOptions = {}): Promise<RequestUpdate[]> {
    return (await calls(this.endpoint)).requestUpdates(this.transport, query, options.signal);
  }

  /** POST an update to a request (FixMyStreet extension). Never retried. */
  async postRequestUpdate(update: NewRequestUpdate, options: CallOptions = {}): Promise<RequestUpdate | undefined> {
    const [c, fmt] = await Promise.all([calls(this.endpoint), this.ensureFormat(options.signal)]);
    return c.postRequestUpdate(this.transport, fmt, update, options.signal);
  }

  /** Forget cached service lists and definitions (e.g. after the discovery changeset moved on). */
  clearCache(): void {
    this.servicesCache = undefined;
    this.definitionCache.clear();
    this.places.clear();
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

  /** Decides the format for `auto` before a POST, with a GET (a POST is never sent twice to find out). */
  private async ensureFormat(signal: AbortSignal | undefined): Promise<'json' | 'xml'> {
    if (this.transport.format) return this.transport.format;
    await this.services({ signal });
    return this.transport.format ?? 'json';
  }
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
