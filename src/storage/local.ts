/**
 * localStorage, wrapped: Safari's private mode, a full quota or storage disabled by the council's
 * cookie policy all throw, and the tracker and the report must still work then (they only forget more).
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
