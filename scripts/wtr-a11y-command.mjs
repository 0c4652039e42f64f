// A test-runner command that asks the browser's own accessibility tree about the focused element
// (through shadow roots), in each of the three engines, so a test can check what a screen reader is
// told rather than which attributes we set:
//
//   executeServerCommand('a11y-focused', { role: 'application', name: 'Map: …' })
//     → { engine, role, name, description, tree }
//
// - Chromium (puppeteer over CDP): the accessibility snapshot gives the focused node's computed role,
//   name and description (`tree: 'cdp'`).
// - Firefox (puppeteer over WebDriver BiDi): BiDi can only *find* nodes by computed role and name
//   (`browsingContext.locateNodes` with an accessibility locator, which puppeteer's `::-p-aria()`
//   uses; from the focused element's shadow root, as it does not enter shadow trees from the
//   document): the focused element is looked for among the nodes with the expected role, then among
//   those with the expected role and name. `role`/`name` are the expected values when found, else null;
//   `description` is undefined (BiDi has no way to read it) (`tree: 'bidi'`).
// - WebKit (classic WebDriver): "Get Computed Role" and "Get Computed Label" of the focused element
//   (`tree: 'webdriver'`); no description either.
// Tests check the description through aria-describedby where `description` is undefined.

/** The deepest focused element, through shadow roots: a function's source, run in the page. */
const DEEP_ACTIVE = `() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}`;

function findFocused(node) {
  if (!node) return undefined;
  if (node.focused) return node;
  for (const child of node.children ?? []) {
    const found = findFocused(child);
    if (found) return found;
  }
  return undefined;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function a11yCommandPlugin() {
  return {
    name: 'open311-a11y-focused',
    async executeCommand({ command, payload, session }) {
      if (command !== 'a11y-focused') return undefined;
      const { role, name } = payload ?? {};
      const launcher = session.browser;
      if (launcher.type === 'puppeteer') {
        const page = launcher.getPage(session.id);
        if (/firefox/i.test(launcher.name)) {
          // BiDi's accessibility locator does not descend into shadow trees from the document: search
          // from the focused element's own root (its shadow root), which it does search.
          const scope = await page.evaluateHandle((src) => new Function(`return (${src})()`)()?.getRootNode() ?? globalThis.document, DEEP_ACTIVE);
          const matches = async (selector) => {
            for (const handle of await scope.$$(selector)) {
              if (await handle.evaluate((el, src) => new Function(`return (${src})()`)() === el, DEEP_ACTIVE)) return true;
            }
            return false;
          };
          const quote = (s) => JSON.stringify(String(s));
          const hasRole = await matches(`::-p-aria([role=${quote(role)}])`);
          const hasName = hasRole && (await matches(`::-p-aria([name=${quote(name)}][role=${quote(role)}])`));
          return { engine: 'firefox', tree: 'bidi', role: hasRole ? role : null, name: hasName ? name : null };
        }
        const focused = findFocused(await page.accessibility.snapshot({ interestingOnly: false }));
        return { engine: 'chromium', tree: 'cdp', role: focused?.role ?? null, name: focused?.name ?? null, description: focused?.description ?? '' };
      }
      if (launcher.type === 'webdriver') {
        const driver = launcher.driver;
        const found = await driver.execute(`return (${DEEP_ACTIVE})()`);
        const el = await driver.$(found).getElement();
        return {
          engine: 'webkit',
          tree: 'webdriver',
          role: await driver.getElementComputedRole(el.elementId),
          name: await driver.getElementComputedLabel(el.elementId),
        };
      }
      throw new Error(`a11y-focused: no accessibility tree for browser type ${launcher.type}`);
    },
  };
}
