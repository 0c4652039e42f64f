// Reading POST bodies: application/x-www-form-urlencoded, multipart/form-data and JSON (admin API).
// Everything is turned into an ordered list of [name, value] pairs so repeated names survive
// (FMS sends `attribute[c]=a&attribute[c]=b`, shared/open311.md §3.4 item 22).

/** Largest body accepted, in bytes (a phone photo plus the form). */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export class BodyError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @typedef {object} UploadedFile
 * @property {string} field form field name
 * @property {string} filename
 * @property {string} contentType
 * @property {Buffer} data
 */

/**
 * @typedef {object} ParsedBody
 * @property {[string, string][]} fields
 * @property {UploadedFile[]} files
 */

/**
 * Read the whole request body.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BodyError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/**
 * Parse a form POST (urlencoded or multipart) into ordered fields and files.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<ParsedBody>}
 */
export async function readForm(req) {
  const body = await readBody(req);
  const type = String(req.headers['content-type'] ?? '');
  if (/^multipart\/form-data/i.test(type)) {
    const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!match) throw new BodyError(400, 'multipart/form-data without a boundary');
    return parseMultipart(body, match[1] ?? match[2]);
  }
  // Anything else is read as a urlencoded form: the spec's content type, and what clients send
  // when they forget the header.
  return { fields: [...new URLSearchParams(body.toString('utf8'))], files: [] };
}

/**
 * Parse a JSON body (admin API).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJson(req) {
  const text = (await readBody(req)).toString('utf8');
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new BodyError(400, 'Body must be a JSON object');
  }
}

/**
 * Minimal multipart/form-data parser (RFC 7578).
 * @param {Buffer} body
 * @param {string} boundary
 * @returns {ParsedBody}
 */
export function parseMultipart(body, boundary) {
  /** @type {ParsedBody} */
  const result = { fields: [], files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new BodyError(400, 'Malformed multipart body');
  for (;;) {
    pos += delimiter.length;
    // "--" after the delimiter ends the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), pos);
    if (next < 0) throw new BodyError(400, 'Malformed multipart body');
    const part = body.subarray(pos, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new BodyError(400, 'Malformed multipart part');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /^content-type:\s*([^\r\n;]+)/im.exec(headers)?.[1]?.trim().toLowerCase();
    if (name !== undefined) {
      if (filename !== undefined) {
        if (data.length > 0 || filename) {
          result.files.push({
            field: name,
            filename,
            contentType: contentType ?? 'application/octet-stream',
            data: Buffer.from(data),
          });
        }
      } else {
        result.fields.push([name, data.toString('utf8')]);
      }
    }
    pos = next + 2;
  }
  return result;
}
