/**
 * Loads each element's code only when a page uses it. A council page with only a status tracker
 * should not download the report form, and no page should download the map before the resident
 * wants one (the budget: at most 25 KB gzip before a map is wanted). The drop-in entry starts this
 * loader; `<open311-report>` calls `loadElement()` for each step as it is reached.
 */
const loaders = {
  // The report's first step ("where") is the map picker (without its map): fetch both at once
  // rather than the picker one round trip later.
  'open311-report': () => Promise.all([import('./elements/report/report.js'), loadElement('open311-map-picker')]),
  'open311-service-chooser': () => import('./elements/service-chooser/service-chooser.js'),
  'open311-report-form': () => import('./elements/report-form/report-form.js'),
  'open311-map-picker': () => import('./elements/map-picker/map-picker.js'),
  'open311-status-tracker': () => import('./elements/status-tracker/status-tracker.js'),
  // The list comes with the tracker's module (the tracker embeds it). A chunk of its own would be a
  // new entry for rollup, splitting the chunks every element shares and growing every first screen
  // (measured: form-only page +0.3 KB gzip and 3 more files, report flow +0.2 KB and 1 more).
  'open311-my-reports': () => import('./elements/status-tracker/status-tracker.js'),
} as const;

/** The tags this library defines. */
export type ElementTag = keyof typeof loaders;
export const ELEMENT_TAGS = Object.keys(loaders) as ElementTag[];

const loading = new Map<ElementTag, Promise<void>>();

/** Loads (once) and defines the element for `tag`; resolves when it is defined. */
export function loadElement(tag: ElementTag): Promise<void> {
  let p = loading.get(tag);
  if (!p) {
    p = loaders[tag]().then(
      () => undefined,
      (e: unknown) => {
        // A failed chunk (a dropped signal) may be retried on the next use.
        loading.delete(tag);
        throw e;
      },
    );
    loading.set(tag, p);
  }
  return p;
}

/** True when the element, or one of its ancestors, has the `hidden` attribute: not shown, so its code can wait. */
function hidden(el: Element): boolean {
  return el.closest('[hidden]') !== null;
}

/** Tags in the page whose every instance is hidden: loaded once one is shown, or at the resident's first interaction. */
const waiting = new Set<ElementTag>();

function load(tag: ElementTag): void {
  waiting.delete(tag);
  loadElement(tag).catch((e: unknown) => console.error(`open311-elements: <${tag}> could not be loaded`, e));
}

function scan(root: ParentNode): void {
  for (const tag of ELEMENT_TAGS) {
    if (loading.has(tag) || customElements.get(tag)) continue;
    const found = [...root.querySelectorAll(tag)];
    if (found.some((el) => !hidden(el))) load(tag);
    else if (found.length) waiting.add(tag);
  }
}

/** The resident started using the page (a form hidden until a problem is chosen will soon be shown): fetch what waits. */
function loadWaiting(): void {
  for (const tag of [...waiting]) load(tag);
}

let started = false;

/**
 * Defines every element already in the page, and any added later. Safe to call twice. An element
 * hidden with the `hidden` attribute (its own or an ancestor's) is loaded when it is shown, or at the
 * resident's first touch, key or focus in the page, whichever comes first: a page that shows the
 * report form only once a problem is chosen downloads the form's code then (the byte budget). A page
 * script that needs the class of a hidden element at once calls `loadElement(tag)`.
 */
export function autoload(root: Document = document): void {
  if (started) return;
  started = true;
  scan(root);
  const firstUse = ['pointerdown', 'keydown', 'focusin'] as const;
  const onFirstUse = (): void => {
    for (const type of firstUse) root.removeEventListener(type, onFirstUse, true);
    loadWaiting();
  };
  for (const type of firstUse) root.addEventListener(type, onFirstUse, { capture: true, passive: true });
  const observer = new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length > 0 || r.type === 'attributes')) scan(root);
    if (ELEMENT_TAGS.every((t) => loading.has(t) || customElements.get(t))) {
      observer.disconnect();
      onFirstUse();
    }
  });
  observer.observe(root.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}
