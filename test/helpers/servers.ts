/** The local GeoReport v2 servers started by web-test-runner.config.mjs, one per quirk profile. */
export type Profile = 'default' | 'xml-only' | 'strings' | 'token-only' | 'fms' | 'no-cors' | 'path-template' | 'no-zone' | 'api-key';

/** Each profile's endpoint, and `faults`: the base URL of the fault server (test/helpers/fault-server.mjs). */
export type Endpoints = Record<Profile | 'faults', string>;

let cache: Promise<Endpoints> | undefined;

/** Endpoint base URL of each profile's server, e.g. `http://127.0.0.1:40123/open311/v2/`. */
export function endpoints(): Promise<Endpoints> {
  cache ??= fetch('/__servers').then((r) => r.json() as Promise<Endpoints>);
  return cache;
}

/** Calls a profile's back-office JSON API (`/admin/api/...`) through the test server. */
export async function admin<T = unknown>(profile: Profile, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__admin/${profile}/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Resolves when `check` returns a truthy value, polling each animation frame; rejects after `ms`. */
export async function until<T>(check: () => T | undefined | null | false, ms = 5000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}
