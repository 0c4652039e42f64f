/**
 * For the council's page that embeds `dist/embed.html` in an iframe (where the CMS allows one
 * script, e.g. in the theme): fits each `<iframe data-open311-embed>` to its content. A height is
 * taken only from that iframe's own window and origin, and only as a number in a sane range.
 *
 * Loaded as a classic `<script src>` (WordPress before 6.5 has no API for modules) or as a module:
 * so it has no imports or exports and keeps its names inside a function (rollup.config.mjs fails
 * the build if its output ever gains an import or export). Loaded twice, it does the same twice.
 */
(() => {
  const MAX_HEIGHT = 20000;

  const embedFrames = (): HTMLIFrameElement[] => [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-open311-embed]')];

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (!data || data.type !== 'open311:height' || typeof data.height !== 'number') return;
    const height = data.height;
    if (!Number.isFinite(height) || height < 50 || height > MAX_HEIGHT) return;
    for (const frame of embedFrames()) {
      let origin: string;
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch {
        continue;
      }
      if (event.source === frame.contentWindow && event.origin === origin) {
        frame.style.height = `${Math.ceil(height)}px`;
      }
    }
  });
})();

export {};
