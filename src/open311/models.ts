/**
 * Normalised GeoReport v2 models. Every id and code is a string (servers send `001`, `638344`,
 * `"A-173480"`, 24-hex ids…; `Number()` would lose leading zeros and digits past 2^53). Text is
 * trimmed and empty text is absent. The record as the server sent it is kept in `raw` so that
 * extensions (FMS `extras`, Chicago `notes`, …) stay reachable.
 */

/** A loose value read from JSON or XML before normalising. */
export type Loose = string | number | boolean | null | undefined | Loose[] | { [key: string]: Loose };

/** A date as the server wrote it, plus the parsed instant when the text could be read. */
export interface Open311Date {
  /** The text exactly as received (trimmed). */
  readonly raw: string;
  /** The instant, when the text could be parsed; absent for unreadable dates. */
  readonly date?: Date;
}

/** `realtime`: id at once; `batch`: a token to exchange later; `blackbox`: no id ever. */
export type ServiceType = 'realtime' | 'batch' | 'blackbox';

/** One entry of the service list. */
export interface Service {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  /** True when the service has a definition with extra questions. */
  readonly metadata: boolean;
  readonly type: ServiceType;
  /** Keywords, split on commas and trimmed (FMS uses `staff`, `inactive`, `private`). */
  readonly keywords: readonly string[];
  /** The groups it belongs to: spec `group` or FMS `groups`; empty when it has none. */
  readonly groups: readonly string[];
  readonly raw: Loose;
}

/**
 * Who handles reports where a server does not: a neighbour's name, website and phone, as the gateway
 * and the local server send them with a refusal outside every area (`contact`, issue 19).
 */
export interface AreaContact {
  readonly name?: string;
  readonly url?: string;
  readonly phone?: string;
}

/** A point outside every area the server covers: its words and, when it knows, who covers the point. */
export interface OutsideArea {
  readonly description: string;
  readonly contact?: AreaContact;
}

/**
 * The answer of `services.json?lat=&long=` (`Open311Client.servicesAt`): the services handled at a
 * point, or, when the server says the point is outside every area it covers, `outside`.
 */
export type ServicesAt = { readonly services: Service[]; readonly outside?: undefined } | { readonly outside: OutsideArea; readonly services?: undefined };

/** One choice of a list attribute. */
export interface AttributeValue {
  /** What is submitted. */
  readonly key: string;
  /** What is shown. */
  readonly name: string;
  /** FMS: choosing this value stops the report and shows this message. */
  readonly disableMessage?: string;
}

/** The six spec datatypes; anything else a server sends is kept as-is (the form shows a text input). */
export const KNOWN_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type KnownDatatype = (typeof KNOWN_DATATYPES)[number];

/** One question (or notice) of a service definition. */
export interface ServiceAttribute {
  readonly code: string;
  /** False: informational text to show, never submitted. */
  readonly variable: boolean;
  /** As sent, lower-cased; may be a non-spec value such as `picklist`. */
  readonly datatype: string;
  readonly required: boolean;
  readonly datatypeDescription?: string;
  /** As sent; absent when missing or unreadable (sort stably, missing last). */
  readonly order?: number;
  /** The question or the notice text. */
  readonly description: string;
  readonly values: readonly AttributeValue[];
  /** FMS `automated`: `hidden_field` (set by code, not shown) or `server_set` (never shown or sent). */
  readonly automated?: string;
  readonly raw: Loose;
}

/** A service definition: the questions to ask, in display order. */
export interface ServiceDefinition {
  readonly serviceCode: string;
  /** Sorted by `order` (stable; attributes without an order keep their place after ordered ones). */
  readonly attributes: readonly ServiceAttribute[];
  readonly raw: Loose;
}

/** A service request (a report) as the server describes it. */
export interface ServiceRequest {
  readonly id?: string;
  readonly token?: string;
  /** The raw status, lower-cased (`open`, `closed`, FMS `in_progress`, `fixed`, …). */
  readonly status?: string;
  readonly statusNotes?: string;
  readonly serviceName?: string;
  readonly serviceCode?: string;
  readonly description?: string;
  readonly agencyResponsible?: string;
  readonly serviceNotice?: string;
  readonly requested?: Open311Date;
  readonly updated?: Open311Date;
  readonly expected?: Open311Date;
  readonly address?: string;
  readonly addressId?: string;
  readonly zipcode?: string;
  readonly lat?: number;
  readonly long?: number;
  /** Every media URL sent (a string or a list on the wire). Not checked for safety: see `safeHttpUrl`. */
  readonly mediaUrls: readonly string[];
  readonly raw: Loose;
}

/** What a POST answered: an id, or a token to exchange later, or neither (blackbox services). */
export interface SubmitResult {
  readonly id?: string;
  readonly token?: string;
  readonly serviceNotice?: string;
  readonly accountId?: string;
  readonly raw: Loose;
}

/** The answer to a token lookup: `id` is absent while the server has not processed it yet. */
export interface TokenResult {
  readonly token: string;
  readonly id?: string;
}

/** One endpoint listed by a discovery document. */
export interface DiscoveryEndpoint {
  readonly specification?: string;
  readonly url?: string;
  readonly changeset?: string;
  readonly type?: string;
  readonly formats: readonly string[];
}

/** A service discovery document. */
export interface Discovery {
  readonly changeset?: string;
  readonly contact?: string;
  readonly keyService?: string;
  readonly endpoints: readonly DiscoveryEndpoint[];
  readonly raw: Loose;
}

/** An FMS `servicerequestupdates` entry. */
export interface RequestUpdate {
  readonly id?: string;
  readonly requestId?: string;
  readonly status?: string;
  readonly updated?: Open311Date;
  readonly description?: string;
  readonly mediaUrls: readonly string[];
  readonly raw: Loose;
}

/** A new report to POST. Location: `lat`+`long`, or `addressString`, or `addressId`. */
export interface NewServiceRequest {
  serviceCode: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  description?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  deviceId?: string;
  accountId?: string;
  mediaUrl?: string;
  /** Answers by attribute code; a list for multivaluelist answers. */
  attributes?: Record<string, string | readonly string[]>;
  /** Extra form fields some servers want (sent as given). */
  extra?: Record<string, string>;
}

/** An update to POST to a request (FixMyStreet extension). */
export interface NewRequestUpdate {
  requestId: string;
  description: string;
  status?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  updateId?: string;
}

/** Filters for GET requests. Lists are sent comma-separated. */
export interface RequestsQuery {
  ids?: string | readonly string[];
  serviceCodes?: string | readonly string[];
  status?: string | readonly string[];
  startDate?: Date | string;
  endDate?: Date | string;
  /** Extension (Connected Bits, Bloomington, …): best effort, servers differ. */
  page?: number;
  pageSize?: number;
  /** Extension (SeeClickFix, FMS, the local server): passed through as `lat`/`long`/`radius`. */
  lat?: number;
  long?: number;
  radius?: number;
  extra?: Record<string, string>;
}
