import { LitElement } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { PageLanguage } from './page-language.js';
import { readOldAttribute } from '../elements/old-names.js';
import type { OldAttribute } from '../elements/old-names.js';

/**
 * The base of every element: it calls `updateWhenLocaleChanges(this)` (what `@localized()` does,
 * without a decorator, so no element can get the decorator order wrong and no decorator helper is
 * downloaded; an element already in the page when the script loads must still re-render on
 * `setLocale`, TOOLCHAIN.md), and the one attribute every element
 * shares, `strings`: the council's own wording for any of the widget's strings. It also gives every
 * element the page's language (`page-language.ts`): the element's `lang`, an ancestor's, or
 * `<html lang>`, followed at runtime (issue 22: standalone elements stayed English on Welsh pages).
 */
export class LocalizedElement extends LitElement {
  static override properties: PropertyDeclarations = {
    strings: {},
  };

  /**
   * The council's own wording for any of the widget's strings, in English and Welsh: a URL of a JSON
   * file or inline JSON, `{ "en": { "<message id>": "text" }, "cy": { … } }` (ids in `strings.json`;
   * placeholders `${0}`). Applies to every element on the page; text only, never HTML. Anything that
   * cannot be used is reported once in the console and the widget's own words show instead.
   */
  strings?: string;

  /**
   * Attributes an element renamed (issue 18) and still reads until the next major version: observed
   * here, set on the new property, with one console note (elements/old-names.ts). Here because a
   * second element needed them, and every element already shares this class.
   */
  protected static readonly oldAttributes: Readonly<Record<string, OldAttribute>> = {};

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(this.oldAttributes)];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const renamed = (this.constructor as typeof LocalizedElement).oldAttributes;
    if (Object.hasOwn(renamed, name)) readOldAttribute(this, name, renamed[name], value);
    else super.attributeChangedCallback(name, old, value);
  }

  /** The `strings` value last acted on: a controller, so no element's own `willUpdate` can skip it. */
  private stringsApplied?: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new PageLanguage(this);
    this.addController({
      hostUpdate: () => {
        if (this.strings === this.stringsApplied) return;
        this.stringsApplied = this.strings;
        const source = this.strings;
        if (source?.trim()) void import('./strings.js').then((m) => m.useStrings(source));
      },
    });
  }
}
