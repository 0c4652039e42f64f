import { LOCALE_STATUS_EVENT, configureLocalization } from '@lit/localize';
import type { LocaleModule, TemplateMap } from '@lit/localize';
import { allLocales, sourceLocale } from './generated/locale-codes.js';
import { loadLocaleTemplates } from './localize.js';
import type { Locale } from './localize.js';

/**
 * @lit/localize's runtime, configured the first time a page needs more than the English the source
 * is written in: another language (`setLocale`, a Welsh page), or a council's own wording
 * (`setStrings`, the `strings` attribute). Until then `msg()` is the library's default, which shows
 * the English source, and localize.ts reports `en`: a first screen in English downloads none of this
 * (issue 18, the byte budget).
 */

/**
 * A council's own wording (the `strings` attribute, `setStrings()`; checked in strings.ts), by
 * locale then message id, ready for the runtime.
 */
const overrides: Record<Locale, TemplateMap> = { en: {}, cy: {} };

/** The template map the runtime holds for each locale loaded so far: new overrides go into it in place. */
const loaded: Partial<Record<Locale, TemplateMap>> = {};

/**
 * The runtime looks up no templates at all for its source locale, so English wording could never be
 * replaced. So English is loaded like any other locale (an empty map plus the council's overrides),
 * and the runtime's source locale is this private tag, active only until the first `setLocale`
 * settles (a microtask for English; `msg()` shows the English source meanwhile) and never reported
 * by `getLocale()`.
 */
const RUNTIME_SOURCE = 'en-x-source';

async function loadLocale(locale: Locale): Promise<LocaleModule> {
  const base = locale === sourceLocale ? {} : await loadLocaleTemplates(locale);
  const templates: TemplateMap = { ...base, ...overrides[locale] };
  loaded[locale] = templates;
  return { templates };
}

const runtime = configureLocalization({
  sourceLocale: RUNTIME_SOURCE,
  targetLocales: allLocales,
  loadLocale: (locale) => loadLocale(locale as Locale),
});

/** Whether any switch was asked for (the first is what ends RUNTIME_SOURCE). */
let switched = false;

/** Switches the runtime to `locale` (localize.ts's setLocale; the last call wins). */
export function switchTo(locale: Locale): Promise<void> {
  switched = true;
  return runtime.setLocale(locale);
}

/** The active locale: `en` or `cy` (`en` while the runtime has not switched yet; localize.ts's `getLocale()`). */
export function active(): Locale {
  const locale = runtime.getLocale();
  return locale === RUNTIME_SOURCE ? sourceLocale : (locale as Locale);
}

/**
 * Puts checked overrides into effect (strings.ts calls it; later ones win, id by id) and re-renders
 * every element when the active locale's words changed.
 */
export function applyOverrides(table: Partial<Record<Locale, TemplateMap>>): void {
  let changed = false;
  for (const locale of allLocales) {
    const entries = table[locale];
    if (!entries || Object.keys(entries).length === 0) continue;
    Object.assign(overrides[locale], entries);
    const live = loaded[locale];
    if (live) Object.assign(live, entries);
    if (locale === active()) changed = true;
  }
  if (typeof window === 'undefined') return;
  // Not switched yet (an English page's first override): English is loaded with the overrides in it.
  if (!switched) {
    void switchTo(sourceLocale).catch(() => undefined);
    return;
  }
  // The event the runtime sends when a locale is ready: every `@localized()` element re-renders on it.
  if (changed) window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: active() } }));
}
