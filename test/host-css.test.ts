/**
 * Host CSS cannot leak in (issue 20). Council themes set typography on `*` or on `body`: a `*` rule
 * applies to the widget's own element (and beats a plain `:host` rule there), and what `body` sets
 * is inherited by the element; either way it would flow into the shadow roots. The widget must look
 * the same: every element inside its shadow roots (headings, labels, inputs, buttons, …) keeps the
 * computed typography it has on a plain page, and the `--open311-*` theming properties still work.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../src/elements/report/report.js';
import '../src/elements/service-chooser/service-chooser.js';
import { endpoints, until } from './helpers/servers.js';

/** Inherited properties a host page could set (direction excepted: the page's dir is kept). */
const PROPERTIES = [
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant-caps',
  'font-variant-ligatures',
  'font-variant-numeric',
  'font-stretch',
  'font-kerning',
  'font-feature-settings',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'white-space',
  'text-align',
  'text-align-last',
  'text-indent',
  'text-shadow',
  'word-break',
  'overflow-wrap',
  'hyphens',
  'tab-size',
  'color',
  'accent-color',
  'cursor',
];

/** What council themes do, on every element. */
const ON_EVERY_ELEMENT = `* {
  font-family: serif; line-height: 3; font-size: 11px; letter-spacing: 3px; word-spacing: 9px;
  text-transform: lowercase; font-style: italic; font-weight: 700; font-variant: small-caps;
  white-space: pre; text-align: center; text-indent: 13px; color: rgb(200, 0, 200); word-break: break-all;
  overflow-wrap: anywhere; hyphens: auto; text-shadow: 1px 1px 1px red; tab-size: 2; cursor: crosshair;
  font-kerning: none; font-feature-settings: "smcp"; accent-color: rgb(255, 105, 180); text-align-last: right;
}`;

/** What council themes do on the body, which the widget's element inherits. */
const ON_BODY = `body {
  text-transform: uppercase; letter-spacing: 4px; white-space: nowrap; text-align: right; word-spacing: 12px;
  line-height: 0.8; font-size: 31px; font-family: cursive; font-style: oblique; font-weight: 900;
  font-variant: small-caps; text-indent: 3em; color: rgb(255, 0, 0); word-break: keep-all; hyphens: auto;
  text-shadow: 0 0 2px blue; overflow-wrap: break-word; cursor: help; font-stretch: condensed;
}`;

type Snapshot = Map<string, Record<string, string>>;

/** The computed typography of every element in `el`'s shadow root and the shadow roots inside it. */
function snapshot(el: Element): Snapshot {
  const out: Snapshot = new Map();
  const walk = (host: Element, path: string): void => {
    const root = host.shadowRoot;
    if (!root) return;
    [...root.querySelectorAll('*')].forEach((node, i) => {
      if (['style', 'slot', 'template'].includes(node.localName)) return;
      const key = `${path} > ${node.localName}#${i}${node.id ? `(${node.id})` : ''}`;
      const cs = getComputedStyle(node);
      out.set(key, Object.fromEntries(PROPERTIES.map((p) => [p, cs.getPropertyValue(p)])));
      walk(node, key);
    });
  };
  walk(el, el.localName);
  return out;
}

/** Every difference between a snapshot on the plain page and one under the host's CSS, in words. */
function differences(plain: Snapshot, hostile: Snapshot): string[] {
  const diffs: string[] = [];
  if (plain.size !== hostile.size) diffs.push(`${plain.size} elements on the plain page, ${hostile.size} under the host's CSS`);
  for (const [key, styles] of plain) {
    const other = hostile.get(key);
    if (!other) continue;
    for (const p of PROPERTIES) if (styles[p] !== other[p]) diffs.push(`${key} ${p}: ${styles[p]} → ${other[p]}`);
  }
  return diffs;
}

function addStyle(text: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  return style;
}

async function report(): Promise<Element> {
  const el = await fixture(html`<open311-report no-history endpoint=${(await endpoints()).default}></open311-report>`);
  // Step 1, with its search, buttons, headings and the chooser of later steps not yet shown.
  await until(() => el.shadowRoot?.querySelector('[data-step-heading]'), 10000);
  await until(() => el.shadowRoot?.querySelector('open311-map-picker')?.shadowRoot?.querySelector('input, button'), 10000);
  return el;
}

async function chooser(): Promise<Element> {
  const el = await fixture(html`<open311-service-chooser endpoint=${(await endpoints()).default}></open311-service-chooser>`);
  await until(() => el.shadowRoot?.querySelector('input[type=radio]'), 10000);
  return el;
}

describe('host CSS cannot leak in (issue 20)', function () {
  this.timeout(60_000);
  let styles: HTMLStyleElement[] = [];
  afterEach(() => {
    for (const s of styles) s.remove();
    styles = [];
    fixtureCleanup();
  });

  for (const [name, make] of [
    ['<open311-report>', report],
    ['<open311-service-chooser>', chooser],
  ] as const) {
    for (const [rules, css] of [
      ['a page rule on *', ON_EVERY_ELEMENT],
      ['a page rule on body', ON_BODY],
      ['rules on * and on body, both !important', `${ON_EVERY_ELEMENT.replaceAll(';', ' !important;')}\n${ON_BODY.replaceAll(';', ' !important;')}`],
    ] as const) {
      it(`${name} looks the same under ${rules} as on a plain page`, async () => {
        const el = await make();
        const plain = snapshot(el);
        expect(plain.size).to.be.greaterThan(10);
        styles.push(addStyle(css));
        // The host's rules really apply to the page (and to the element itself, for the * rule).
        expect(getComputedStyle(document.body).textTransform).to.not.equal('none');
        const diffs = differences(plain, snapshot(el));
        expect(diffs.slice(0, 12), `${diffs.length} differences`).to.deep.equal([]);
      });
    }
  }

  it('the --open311-* theming properties still work under a hostile page', async () => {
    styles.push(addStyle(`${ON_EVERY_ELEMENT}\n${ON_BODY}\nopen311-service-chooser { --open311-font: Georgia, serif; --open311-text: rgb(1, 2, 3); }`));
    const el = await chooser();
    const label = el.shadowRoot?.querySelector('label');
    expect(label, 'a label').to.exist;
    const cs = getComputedStyle(label as Element);
    expect(cs.fontFamily).to.match(/^Georgia/);
    expect(cs.color).to.equal('rgb(1, 2, 3)');
    expect(cs.textTransform).to.equal('none');
    expect(parseFloat(cs.lineHeight)).to.be.lessThan(parseFloat(cs.fontSize) * 2);
  });
});
