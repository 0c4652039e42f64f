/**
 * Registers a custom element once. A page may load the script twice, or two versions of it (a
 * county's and a parish's): the first registration wins and the console says so once per tag
 * (Shoelace's `define()`; issue 12).
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor && !warned.has(tag)) {
    warned.add(tag);
    console.info(`open311-elements: <${tag}> was already defined by another copy of the script; keeping the first.`);
  }
}
const warned = new Set<string>();
