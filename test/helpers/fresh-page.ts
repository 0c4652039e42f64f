import { fixture, html, oneEvent } from '@open-wc/testing';
import { until } from './servers.js';

/**
 * A fresh page (an iframe) that has imported `modulePath` (e.g. `/src/elements/map-picker/map-picker.ts`),
 * so that its resource timing shows exactly what that page downloads (lazy chunks, the map).
 */
export async function freshPageWith(modulePath: string, size = 700): Promise<{ frame: HTMLIFrameElement; win: Window & typeof globalThis; doc: Document }> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="test page" width=${size} height=${size}></iframe>`);
  frame.srcdoc = `<!DOCTYPE html><html lang="en"><body><script type="module">
    await import('${location.origin}${modulePath}');
    window.loaded = true;
  </script></body></html>`;
  await oneEvent(frame, 'load');
  const win = frame.contentWindow as Window & typeof globalThis & { loaded?: boolean };
  await until(() => win.loaded);
  return { frame, win, doc: frame.contentDocument! };
}

/** The resources a page has fetched whose URL matches `pattern`. */
export function fetched(win: Window, pattern: RegExp): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => pattern.test(n));
}
