import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The longest wait between two polls of a token. */
export const MAX_POLL_MS = 60_000;
/** The shortest wait, whatever the element was told (a 0 would hammer the server). */
export const MIN_POLL_MS = 50;

/** What the host tells a {@link RefreshController}. */
export interface RefreshOptions {
  /** Seconds between automatic refreshes; 0 (or less) turns them off. Read each time one is planned. */
  readonly interval: () => number;
  /**
   * What a refresh would do now, or undefined when there is nothing to refresh: nothing shown yet, a
   * load already under way, or a final state (a closed report rarely moves again: stop asking).
   */
  readonly next: () => (() => void) | undefined;
}

/** Waits `ms`, unless aborted first. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves once the page is visible: nothing polls a server from a hidden tab. */
function whenVisible(signal: AbortSignal): Promise<void> {
  if (document.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      document.removeEventListener('visibilitychange', onChange);
      signal.removeEventListener('abort', onAbort);
    };
    const onChange = (): void => {
      if (document.visibilityState === 'hidden') return;
      done();
      resolve();
    };
    const onAbort = (): void => {
      done();
      reject(signal.reason);
    };
    document.addEventListener('visibilitychange', onChange);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Keeps what an element shows fresh without wasting a council's server: one automatic refresh every
 * `interval` seconds after the last check, only while the element is in the page and the tab is
 * visible, and none once `next()` says nothing can change (a final state). A hidden tab stops the
 * timer; showing it again plans the next refresh from the last check, so a long-hidden tab refreshes
 * at once. {@link poll} is the other half: asking again and again, backing off, until an answer comes
 * (a batch server's token becoming a reference).
 *
 * The host calls {@link checked} when data arrives (or a load fails); the plan is remade after every
 * render, so a load that starts or ends, or a change of view, is taken into account.
 */
export class RefreshController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  /** When the data shown was last fetched (ms since epoch). */
  private checkedAt = 0;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: RefreshOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.stop();
  }

  hostUpdated(): void {
    // Every render may follow a load, a failure or a change of view: plan the next refresh from it.
    this.schedule();
  }

  /** Records that the data shown was fetched (or tried) at `at`; the next refresh is due `interval` after it. */
  checked(at: number = Date.now()): void {
    this.checkedAt = at;
  }

  /** Plans the next automatic refresh: only while connected, visible and something can change. */
  schedule(): void {
    this.stop();
    const seconds = this.options.interval();
    if (!this.connected || !(seconds > 0) || document.visibilityState === 'hidden') return;
    const run = this.options.next();
    if (!run) return;
    const due = this.checkedAt + seconds * 1000 - Date.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        run();
      },
      Math.max(0, due),
    );
  }

  /**
   * Calls `attempt` until it gives a value: at once, then after `first` ms (at least {@link MIN_POLL_MS}),
   * the wait doubling each time up to `max` (a minute by default), waiting while the tab is hidden. Rejects when `signal` aborts
   * (the element left the page) or an attempt throws.
   */
  async poll<T>(attempt: () => Promise<T | undefined>, options: { readonly first: number; readonly max?: number; readonly signal: AbortSignal }): Promise<T> {
    const max = options.max ?? MAX_POLL_MS;
    let wait = Math.max(MIN_POLL_MS, options.first || 0);
    for (;;) {
      const value = await attempt();
      if (value !== undefined) return value;
      await delay(wait, options.signal);
      await whenVisible(options.signal);
      wait = Math.min(wait * 2, max);
    }
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.stop();
    else this.schedule();
  };
}
