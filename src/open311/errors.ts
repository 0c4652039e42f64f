import { sniff } from './tree.js';

/** What went wrong, in the terms a caller can act on. */
export type Open311ErrorKind =
  /** The request never got an answer: DNS, refused connection, CORS refusal, offline. */
  | 'network'
  /** No complete answer within the client's timeout. */
  | 'timeout'
  /** The caller aborted the request (its `AbortSignal`). */
  | 'aborted'
  /** The server answered with an HTTP error status. */
  | 'http'
  /** The server answered 2xx with a body that is not the Open311 document we asked for. */
  | 'parse';

/** One entry of a GeoReport v2 error list (`[{code, description}]` / `<errors><error>`). */
export interface Open311ErrorItem {
  /** The error code as sent (usually the HTTP status, sometimes a more specific application code). */
  readonly code: string;
  /** Human-readable text meant for the end user. */
  readonly description: string;
}

/** Options for {@link Open311Error}. */
export interface Open311ErrorInit {
  kind: Open311ErrorKind;
  url: string;
  status?: number;
  errors?: readonly Open311ErrorItem[];
  body?: string;
  cause?: unknown;
}

/**
 * The only error the Open311 client throws. Carries the URL, the HTTP status (when there was an
 * answer) and the server's own `{code, description}` list when the body had one, so the UI can show
 * the server's words and fall back to plain text for everything else (HTML 500 pages, proxies, …).
 */
export class Open311Error extends Error {
  override readonly name = 'Open311Error';
  readonly kind: Open311ErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  readonly errors: readonly Open311ErrorItem[];
  /** The start of the response body (at most 2,000 characters), for logs; never render it as HTML. */
  readonly body: string | undefined;

  constructor(message: string, init: Open311ErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.url = init.url;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.body = init.body?.slice(0, 2000);
  }

  /** True when retrying the same call later might succeed (network trouble, timeouts, 5xx). */
  get transient(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || (this.kind === 'http' && this.status !== undefined && (this.status >= 500 || this.status === 429))
    );
  }
}

/** Type guard usable across bundles (an `instanceof` check fails when two copies are loaded). */
export function isOpen311Error(value: unknown): value is Open311Error {
  return value instanceof Open311Error || (value instanceof Error && value.name === 'Open311Error');
}

/**
 * The items of `error` that came in an error list the server wrote (JSON or XML, e.g. GeoReport's
 * `[{code, description}]`): words meant for the resident. Not the text of an HTML error page or a
 * plain-text body (a proxy's "Service temporarily unavailable"), which the client also keeps in
 * `errors` for logs: showing those as the council's words put jargon in its mouth (issue 22).
 */
export function listedErrors(error: Open311Error): readonly Open311ErrorItem[] {
  const body = error.body ?? '';
  const kind = sniff(body);
  return kind === 'json' || kind === 'xml' ? error.errors.filter((e) => e.description.trim() !== '') : [];
}

/** An aborted call (its `AbortSignal`): nothing failed that anyone should hear about. */
export function isAbortError(e: unknown): boolean {
  return (isOpen311Error(e) && e.kind === 'aborted') || (e instanceof DOMException && e.name === 'AbortError');
}
