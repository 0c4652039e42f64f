import { Open311Error } from './errors.js';
import { toErrorItems } from './error-list.js';
import { textExcerpt } from './excerpt.js';
import { sniff } from './tree.js';
import type { Parsed, RawResponse } from './transport.js';

/**
 * The error for an answer that is not what was asked for: an error status (with the server's own
 * error list or an error page's words) or a 2xx body that could not be read. Fetched with
 * `loadAnswerError()` (tree.ts) on the first such answer, with the readers it needs (the error list,
 * an error page's words): a first screen whose service list comes back downloads none of it.
 * Without this code (it could not be fetched) the transport throws the same kind of error, without the words.
 */
export function answerError(response: RawResponse, parsed: Parsed | undefined, parseProblem: unknown): Open311Error {
  const { status, url, text } = response;
  if (status >= 200 && status < 300) {
    const excerpt = textExcerpt(text);
    return new Open311Error(excerpt ? `The server's answer could not be read: ${excerpt}` : "The server's answer was empty or could not be read", {
      kind: 'parse',
      url,
      status,
      body: text,
      cause: parseProblem,
    });
  }
  const errors = parsed ? toErrorItems(parsed.value, status) : [];
  const plain = sniff(text) === 'other' ? textExcerpt(text, 300) : '';
  const words = errors.length
    ? errors.map((e) => e.description).join('; ')
    : plain || `${status}${response.statusText ? ` ${response.statusText}` : ''}`.trim();
  return new Open311Error(`The server answered ${status}: ${words}`, {
    kind: 'http',
    url,
    status,
    errors: errors.length || !plain ? errors : [{ code: String(status), description: plain }],
    body: text,
  });
}
