/**
 * `media_url` and other server-sent links go into `href`/`src` only when they are plain http(s)
 * URLs: never `javascript:`, `data:`, `vbscript:` or anything relative to the council's page.
 */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // Reject control characters and whitespace tricks before parsing (`java\tscript:`).
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001F\u007F]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
