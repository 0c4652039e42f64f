import { readItem, writeItem } from './local.js';

/**
 * The request id each token became, kept per endpoint so a reload (or "my reports") does not poll a
 * batch server again for a token this browser has already seen turn into a reference.
 */

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
