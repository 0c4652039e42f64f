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
    {
      // Lit reads `{ state: true }` in `static properties` as internal (no attribute); the analyzer
      // lists it as a public attribute. Note each class's states here, drop them as attributes below.
      name: 'open311-states-are-not-attributes',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const props = node.members.find(
          (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.initializer && ts.isObjectLiteralExpression(m.initializer),
        );
        if (!props) return;
        const states = new Set();
        for (const entry of props.initializer.properties) {
          if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
          const isState = entry.initializer.properties.some(
            (o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) states.add(entry.name.getText());
        }
        const decl = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        if (!decl || states.size === 0) return;
        decl.attributes = decl.attributes?.filter((a) => !states.has(a.fieldName));
        for (const m of decl.members ?? []) if (states.has(m.name)) delete m.attribute;
      },
    },
  ],
};
