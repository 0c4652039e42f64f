/**
 * Which photos the tracker shows in the page (issue 17): a `media_url` is whatever the server (or
 * whoever sent the report through it) wrote, so an `<img>` of any of them would let anyone see who
 * opens the tracker and when (a tracking pixel). Only photos from the endpoint's own origin (the
 * gateway keeps uploads under its `/media`) and from origins the council lists are loaded.
 */

/** The origins photos may be loaded from: the endpoint's, plus `listed` (separated by spaces or commas). */
export function allowedMediaOrigins(endpoint: string | undefined, listed: string | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const entry of [endpoint ?? '', ...(listed ?? '').split(/[\s,]+/)]) {
    const origin = originOf(entry);
    if (origin) out.add(origin);
  }
  return out;
}

/** True when `url` (already checked to be http(s)) is on one of `origins`. */
export function isAllowedMedia(url: string, origins: ReadonlySet<string>): boolean {
  const origin = originOf(url);
  return origin !== undefined && origins.has(origin);
}

/** An http(s) URL's origin (`https://photos.example.gov.uk`), or undefined for anything else (wildcards included). */
function originOf(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
