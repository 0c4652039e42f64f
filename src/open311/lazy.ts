import type { Open311Client, Open311ClientOptions } from './client.js';

/**
 * The shared client for `options` (as `clientFor`), its code loaded on first use: an element on a
 * page's first screen that does not need the server at once imports only this (the byte budget).
 */
export async function loadClient(options: Open311ClientOptions): Promise<Open311Client> {
  const { clientFor } = await import('./client.js');
  return clientFor(options);
}
