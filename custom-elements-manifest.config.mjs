// `cem analyze` writes dist/custom-elements.json (the API of every element: attributes,
// properties, events, slots, parts, CSS properties) from the elements' JSDoc. `npm run build`
// runs it; test/repo/manifest.test.mjs checks it lists every tag and event.
export default {
  // localized-element.ts: the base class, so every element lists the attribute it inherits (`strings`).
  globs: ['src/elements/**/*.ts', 'src/i18n/localized-element.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // The analyzer also guesses events from `dispatchEvent(new XEvent(arg))` and names them after
      // the argument; the real names come from the @fires JSDoc, all prefixed `open311-`.
      name: 'open311-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const d of mod.declarations ?? []) {
            if (d.events) d.events = d.events.filter((e) => e.name?.startsWith('open311-'));
          }
        }
      },
    },
  ],
};
