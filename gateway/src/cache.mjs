// What the gateway keeps of the councils' answers that are the same for everyone (service lists,
// service definitions), so that a busy page never hammers a slow CRM: fresh for `freshMs`; after
// that the next request asks the council again, one request at a time per entry, and when the
// council is slow (no answer within `graceMs`) or down (a 5xx, a timeout, no connection) the last
// good answer is served, marked stale, for up to `maxStaleMs`.

/**
 * @template T
 * @typedef {object} Got
 * @property {T} value
 * @property {undefined|'slow'|'down'} stale why an old answer was served, or undefined when fresh
 * @property {number} at when the value was read from the council (ms since the epoch)
 */

/** @param {unknown} e */
function councilTrouble(e) {
  // The council said no (4xx: unknown service, bad request): never hide that behind an old answer.
  const status = /** @type {{ status?: unknown }} */ (e)?.status;
  return typeof status !== 'number' || status >= 500;
}

/** @template T */
export class StaleCache {
  /**
   * @param {{ freshMs: number, graceMs: number, maxStaleMs: number }} options `freshMs` 0 keeps nothing
   */
  constructor({ freshMs, graceMs, maxStaleMs }) {
    this.freshMs = freshMs;
    this.graceMs = graceMs;
    this.maxStaleMs = maxStaleMs;
    /** @type {Map<string, { value: T, at: number }>} */
    this.entries = new Map();
    /** @type {Map<string, Promise<T>>} */
    this.pending = new Map();
  }

  /**
   * @param {string} key
   * @param {() => Promise<T>} load asks the council
   * @returns {Promise<Got<T>>}
   */
  async get(key, load) {
    if (this.freshMs <= 0) {
      const value = await load();
      return { value, stale: undefined, at: Date.now() };
    }
    const entry = this.entries.get(key);
    const now = Date.now();
    if (entry && now - entry.at < this.freshMs) return { value: entry.value, stale: undefined, at: entry.at };
    const loading = this.refresh(key, load);
    if (!entry || now - entry.at > this.maxStaleMs) {
      const value = await loading;
      return { value, stale: undefined, at: /** @type {{ at: number }} */ (this.entries.get(key) ?? { at: Date.now() }).at };
    }
    /** @type {ReturnType<typeof setTimeout>|undefined} */
    let timer;
    const slow = new Promise((resolve) => (timer = setTimeout(() => resolve({ slow: true }), this.graceMs)));
    const outcome = /** @type {{ value?: T, error?: unknown, slow?: true }} */ (
      await Promise.race([
        loading.then(
          (value) => ({ value }),
          (error) => ({ error }),
        ),
        slow,
      ])
    );
    clearTimeout(timer);
    if ('value' in outcome) {
      const fresh = this.entries.get(key);
      return { value: /** @type {T} */ (outcome.value), stale: undefined, at: fresh?.at ?? Date.now() };
    }
    if (outcome.slow) return { value: entry.value, stale: 'slow', at: entry.at };
    if (councilTrouble(outcome.error)) return { value: entry.value, stale: 'down', at: entry.at };
    throw outcome.error;
  }

  /**
   * One request to the council at a time per key; the answer replaces the entry when it comes.
   * @param {string} key
   * @param {() => Promise<T>} load
   */
  refresh(key, load) {
    const running = this.pending.get(key);
    if (running) return running;
    const p = load().then((value) => {
      this.entries.set(key, { value, at: Date.now() });
      return value;
    });
    this.pending.set(key, p);
    const done = () => {
      if (this.pending.get(key) === p) this.pending.delete(key);
    };
    p.then(done, done);
    return p;
  }

  /**
   * When the entry was read from the council, or undefined when there is none.
   * @param {string} key
   */
  readAt(key) {
    return this.entries.get(key)?.at;
  }
}
