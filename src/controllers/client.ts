import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Open311Client, Open311ClientOptions, clientFor } from '../open311/client.js';
import { lazyImport } from '../lazy-import.js';

/** What a host gives the controller: its server attributes (`ServerElement`) and its `.client` property. */
export interface ClientHost extends ReactiveControllerHost {
  readonly endpoint?: string;
  readonly jurisdiction?: string;
  readonly pathTemplate?: string;
  readonly noDateZone?: boolean;
  readonly client?: Open311Client;
}

/** How a host gets its client's code and any options of its own. */
export interface ClientControllerConfig {
  /**
   * The shared-client factory, for an element that talks to the server as soon as it is shown and so
   * imports the client statically (no extra round trip). Without it the code is fetched by `import()`
   * at the host's first `load()`: the byte budget for a first screen that does not need the server.
   */
  readonly clientFor?: typeof clientFor;
  /** Client options the host adds to the shared attributes (the report's `timeout`). */
  readonly options?: () => Partial<Open311ClientOptions>;
}

/** The protocol client's code, fetched once for the page; a failed fetch is tried again at the next `load()`. */
const loadClientCode = lazyImport(() => import('../open311/client.js'));

/** The factory once its code is here (statically given by some element, or loaded). */
let sharedClientFor: typeof clientFor | undefined;

/**
 * Every element's endpoint, client options and client, in one place. `client` is the host's own
 * `.client` when the page (or the composite) gives one, otherwise the client shared by every element
 * with the same options (`clientFor`): a new endpoint gives a new client at once, the same endpoint
 * the same client. A host whose client's code comes by `import()` calls `load()` when it first needs
 * the server and re-renders when the code arrives.
 */
export class ClientController implements ReactiveController {
  /** This controller's `load()` is waiting for the code (one wait, however often it is asked). */
  private loading = false;

  /** The host's own client options (the report's `timeout`). */
  private readonly extra?: () => Partial<Open311ClientOptions>;

  constructor(
    private readonly host: ClientHost,
    { clientFor, options }: ClientControllerConfig = {},
  ) {
    sharedClientFor ??= clientFor;
    this.extra = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do: a client is made when asked for, its code loaded when the host asks.
  }

  /**
   * The client options the host's attributes give; undefined without an endpoint. Only options that
   * are set are present, so elements with the same attributes share one client.
   */
  get options(): Open311ClientOptions | undefined {
    const h = this.host;
    if (!h.endpoint) return undefined;
    return {
      endpoint: h.endpoint,
      ...(h.jurisdiction ? { jurisdictionId: h.jurisdiction } : {}),
      ...(h.pathTemplate ? { pathTemplate: h.pathTemplate } : {}),
      ...(h.noDateZone ? { dateZone: false } : {}),
      ...this.extra?.(),
    };
  }

  /** The client in use: the host's `.client`, or the shared one for `options` (undefined without an endpoint or before its code is here). */
  get client(): Open311Client | undefined {
    if (this.host.client) return this.host.client;
    const options = this.options;
    return options && sharedClientFor?.(options);
  }

  /** Fetches the client's code if the host has an endpoint and no `.client` yet; the host re-renders when it arrives. */
  load(): void {
    if (this.host.client || !this.options || sharedClientFor || this.loading) return;
    this.loading = true;
    loadClientCode().then(
      (code) => {
        this.loading = false;
        sharedClientFor ??= code.clientFor;
        this.host.requestUpdate();
      },
      () => {
        // A dropped signal: the host's next load() tries again.
        this.loading = false;
      },
    );
  }
}
