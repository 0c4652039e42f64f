import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLocale, setLocale, supportedLocale } from './localize.js';
import type { Locale } from './localize.js';

/**
 * The one place that decides which language the widget speaks (issue 22): the element's own `lang`,
 * else the nearest ancestor's (crossing shadow roots, so an element inside `<open311-report>` follows
 * the composite), else `<html lang>`. Every element carries a `PageLanguage` controller (through
 * `LocalizedElement`), so a standalone tracker or chooser on a Welsh page is Welsh, and a page or
 * element that changes `lang` later switches the widget at runtime.
 *
 * The words come from one runtime per page (@lit/localize), so the page has one widget language at a
 * time: when elements on one page disagree, the last one connected or changed wins.
 */

/** The language tag that applies to `node`: its own `lang`, the nearest ancestor's, else the document's (may be ''). */
export function languageTag(node: Node): string {
  let n: Node | null = node;
  while (n) {
    if (n instanceof Element) {
      const lang = n.getAttribute('lang')?.trim();
      if (lang) return lang;
    }
    n = n instanceof ShadowRoot ? n.host : n.parentNode;
  }
  return node.ownerDocument?.documentElement.lang.trim() ?? '';
}

/** The widget's language (`en` or `cy`) for `node`. */
export function languageOf(node: Node): Locale {
  return supportedLocale(languageTag(node));
}

/** Whether `ancestor` is `node` or one of its ancestors, crossing shadow roots. */
function composedContains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === ancestor) return true;
  return false;
}

/** Switches the page's widget language to the one that applies to `node`, if it differs. */
async function follow(node: Node): Promise<void> {
  const locale = languageOf(node);
  if (getLocale() === locale) return;
  try {
    await setLocale(locale);
  } catch {
    // A locale chunk that fails to load leaves English in place; the flow still works.
  }
}

/**
 * Follows the language for its host: on connection, and whenever a `lang` attribute changes on the
 * host, an ancestor or `<html>` (one MutationObserver per connected element, on its document).
 */
export class PageLanguage implements ReactiveController {
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    const host = this.host;
    this.observer = new MutationObserver((records) => {
      // Only changes that can reach this element: on it or on an ancestor, across shadow roots.
      if (records.some((r) => composedContains(r.target, host))) void follow(host);
    });
    const options: MutationObserverInit = { attributes: true, attributeFilter: ['lang'] };
    this.observer.observe(host.ownerDocument.documentElement, { ...options, subtree: true });
    // An element inside a shadow root (the composite's children) is not in the document's subtree.
    if (host.getRootNode() !== host.ownerDocument) this.observer.observe(host, options);
    void follow(host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
