import type { PropertyDeclarations } from 'lit';
import { LocalizedElement } from '../i18n/localized-element.js';
import type { Open311Client } from '../open311/client.js';

/**
 * The base of every element that talks to a GeoReport v2 server: the server attributes declared once
 * (so they are spelt, converted and documented the same on every element; the manifest lists them on
 * each as inherited), read by the element's `ClientController`. A plain base class rather than a
 * mixin (STYLE.md: no mixin towers): one level above `LocalizedElement`, and only declarations.
 */
export class ServerElement extends LocalizedElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    jurisdiction: {},
    pathTemplate: { attribute: 'path-template' },
    noDateZone: { type: Boolean, attribute: 'no-date-zone' },
    client: { attribute: false },
  };

  /** The GeoReport v2 endpoint base URL, e.g. `https://council.example/open311/v2/` (ignored when `client` is set). */
  endpoint = '';

  /** Sent as `jurisdiction_id`, for endpoints that serve several councils. */
  jurisdiction?: string;

  /**
   * Where each resource is on servers whose addresses differ from GeoReport v2's
   * `{resource}.{format}`: `{resource}` alone (no suffix), or e.g. `{resource}?format={format}`.
   */
  pathTemplate?: string;

  /** Send dates without a time zone, for servers that refuse `…Z` (Chicago-style). */
  noDateZone = false;

  /** A client to use instead of one made from `endpoint`: shared with the other elements of a page (the composite passes its own), or one with its own `fetch`. */
  client?: Open311Client;
}
