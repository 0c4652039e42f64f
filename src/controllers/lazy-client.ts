import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Open311Client, Open311ClientOptions } from '../open311/client.js';
import { loadClient } from '../open311/lazy.js';

/**
 * The shared client for an element's endpoint, its code fetched by `import()` only when the element
 * asks (the byte budget: a first screen that does not talk to the server does not download the
 * protocol client). An answer for options that have changed since is dropped; a failed load (a
 * dropped signal) is forgotten, so the next `load()` tries again. The host re-renders when the client
 * arrives.
 */
export class LazyClientController implements ReactiveController {
  /** The options of the client being loaded or loaded, as JSON. */
  private key?: string;
  private loaded?: Open311Client;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do: loading starts when the host asks.
  }

  /** The client for `options` once its code has loaded; undefined before (or for other options). */
  get(options: Open311ClientOptions | undefined): Open311Client | undefined {
    return options && JSON.stringify(options) === this.key ? this.loaded : undefined;
  }

  /** Starts loading the client for `options` (once per options). */
  load(options: Open311ClientOptions): void {
    const key = JSON.stringify(options);
    if (key === this.key) return;
    this.key = key;
    this.loaded = undefined;
    loadClient(options).then(
      (client) => {
        if (this.key !== key) return;
        this.loaded = client;
        this.host.requestUpdate();
      },
      () => {
        // A dropped signal: try again on the host's next load().
        if (this.key === key) this.key = undefined;
      },
    );
  }
}
