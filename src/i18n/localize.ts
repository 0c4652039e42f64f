import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

/** The locales the widget ships: English (the source) and Welsh. */
export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * An explicit map rather than a template `import()`, so rollup emits one small chunk per locale
 * with no plugin (TOOLCHAIN.md).
 */
const loaders = {
  cy: () => import('./generated/locales/cy.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
});

export { getLocale, setLocale };

/** Picks a supported locale from a BCP 47 tag (`cy`, `cy-GB`, `en-GB` → `en`). */
export function supportedLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').trim().toLowerCase().split('-')[0];
  return (targetLocales as readonly string[]).includes(base) ? (base as Locale) : sourceLocale;
}
