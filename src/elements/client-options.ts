import type { Open311ClientOptions } from '../open311/client.js';

/** The attributes every element that talks to the server shares (`endpoint` and its quirks). */
export interface ServerAttributes {
  endpoint?: string;
  jurisdiction?: string;
  pathTemplate?: string;
  noDateZone?: boolean;
}

/**
 * The client options an element's attributes give; undefined without an endpoint. Only the options
 * set are present, so elements with the same attributes share one client (`clientFor`).
 */
export function clientOptionsOf(el: ServerAttributes): Open311ClientOptions | undefined {
  if (!el.endpoint) return undefined;
  return {
    endpoint: el.endpoint,
    ...(el.jurisdiction ? { jurisdictionId: el.jurisdiction } : {}),
    ...(el.pathTemplate ? { pathTemplate: el.pathTemplate } : {}),
    ...(el.noDateZone ? { dateZone: false } : {}),
  };
}
