import { LitElement } from 'lit';
import { localized } from '@lit/localize';

/**
 * The base of every element: it carries only `@localized()`, so no element can put the decorator
 * in the wrong order (below `@customElement`; in the other order an element already in the page when
 * the script loads never re-renders on `setLocale`, TOOLCHAIN.md).
 */
@localized()
export class LocalizedElement extends LitElement {}
