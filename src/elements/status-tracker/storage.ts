/**
 * localStorage, wrapped: Safari's private mode, a full quota or storage disabled by the council's
 * cookie policy all throw, and the tracker must still work then (it only forgets more).
 */

/** Reads a key; `undefined` when absent or when storage cannot be used. */
export function readItem(key: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes a key; false when storage cannot be used. */
export function writeItem(key: string, value: string): boolean {
  try {
    globalThis.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Removes a key; silently does nothing when storage cannot be used. */
export function removeItem(key: string): void {
  try {
    globalThis.localStorage.removeItem(key);
  } catch {
    // Nothing to forget when nothing could be stored.
  }
}

/** The key under which a token's request id is kept, per endpoint (two councils may reuse a token). */
export function tokenKey(endpoint: string, token: string): string {
  return `open311:tracker:${endpoint}:${token}`;
}

/** The request id a token became, when this browser has already seen it. */
export function rememberedId(endpoint: string, token: string): string | undefined {
  return readItem(tokenKey(endpoint, token)) || undefined;
}

/** Remembers the request id a token became, so a reload does not poll again. */
export function rememberId(endpoint: string, token: string, id: string): void {
  writeItem(tokenKey(endpoint, token), id);
}
