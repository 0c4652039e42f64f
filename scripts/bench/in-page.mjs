// Functions the bench runs inside the page (passed to Playwright, so each is self-contained: no
// closure over this module). Times are `performance.now()` in the page: milliseconds since the
// navigation started.

/**
 * Init script: from the first frame on, looks once per frame for the first control a resident can
 * use (a button, input, select or textarea that is rendered, has a size and is not disabled) inside
 * `host`'s shadow root and the shadow roots nested in it (`body`: the page itself), and resolves
 * `window.__usable` with its time.
 */
export function watchFirstUsable(host) {
  let done;
  window.__usable = new Promise((resolve) => (done = resolve));
  const usable = (el) => {
    if (el.disabled || (el.type === 'hidden' && el.tagName === 'INPUT')) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const find = (root) => {
    for (const el of root.querySelectorAll('button, input, select, textarea')) if (usable(el)) return el;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const found = find(el.shadowRoot);
        if (found) return found;
      }
    }
    return undefined;
  };
  const tick = () => {
    const root = host === 'body' ? document.body : document.querySelector(host)?.shadowRoot;
    const found = root ? find(root) : undefined;
    if (found)
      done({
        t: performance.now(),
        what: `${found.tagName.toLowerCase()} "${(found.textContent || found.getAttribute('aria-label') || found.id || found.type || '').trim().slice(0, 30)}"`,
      });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** First contentful paint and the load event of this page (0 when there is none within 3 s). */
export function paintAndLoad() {
  // Paint entries arrive a little after the frame: wait for the observer, not the buffer alone.
  return new Promise((resolve) => {
    const finish = () => {
      observer.disconnect();
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      resolve({ fcp, load: performance.getEntriesByType('navigation')[0]?.loadEventStart ?? 0 });
    };
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) finish();
    });
    observer.observe({ type: 'paint', buffered: true });
    setTimeout(finish, 3000);
  });
}

/**
 * On a page with `<open311-map-picker map-on-demand>`: clicks "Show map", then once per frame
 * clicks the middle of the map's canvas, until a click places a pin (a `.maplibregl-marker` in the
 * picker's shadow root). Returns the times from "Show map" to the canvas, to the pin, and to the
 * map fully drawn (maplibre's `loaded()`: style and sources in; read through the picker's private
 * map object, for the bench only; absent if that is not reachable).
 */
export async function showMapUntilPin() {
  const picker = document.querySelector('open311-map-picker');
  const root = picker.shadowRoot;
  const show = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Show map');
  if (!show) throw new Error('no "Show map" button');
  const t0 = performance.now();
  show.click();
  let canvasAt;
  let pinAt;
  let drawnAt;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const now = performance.now();
      if (drawnAt === undefined && picker.pickerMap?.map?.loaded?.()) drawnAt = now;
      if (pinAt === undefined && root.querySelector('.maplibregl-marker')) pinAt = now;
      if (pinAt !== undefined && (drawnAt !== undefined || !picker.pickerMap?.map)) {
        resolve({ canvas: canvasAt - t0, pin: pinAt - t0, ...(drawnAt !== undefined ? { drawn: drawnAt - t0 } : {}) });
        return;
      }
      if (now - t0 > 60000) {
        reject(new Error('no pin within 60 s'));
        return;
      }
      const canvas = root.querySelector('canvas.maplibregl-canvas');
      if (canvas && pinAt === undefined) {
        canvasAt ??= now;
        const b = canvas.getBoundingClientRect();
        // Off the exact middle: the crosshair is there, and the nav control is top-right.
        const at = { clientX: b.left + b.width * 0.4, clientY: b.top + b.height * 0.6, bubbles: true, composed: true, button: 0 };
        canvas.dispatchEvent(new MouseEvent('mousedown', at));
        canvas.dispatchEvent(new MouseEvent('mouseup', at));
        canvas.dispatchEvent(new MouseEvent('click', at));
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Counts animation frames from now until `window.__stopFrames()` is called. */
export function countFrames() {
  let frames = 0;
  let running = true;
  const t0 = performance.now();
  const tick = () => {
    if (!running) return;
    frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__stopFrames = () => {
    running = false;
    return { frames, ms: performance.now() - t0 };
  };
}

/**
 * One full report through `<open311-report>` on index.html, driven through the children's shadow
 * roots as test/elements/report.test.ts does: describe the place in words, Pothole, DEPTH and a
 * description, an email, Send; then "Report another problem". Resolves the reference given.
 */
export async function oneFlow(n) {
  const report = document.querySelector('open311-report');
  const root = report.shadowRoot;
  const until = (fn, ms = 20000) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const tick = () => {
        let v;
        try {
          v = fn();
        } catch {
          v = undefined;
        }
        if (v) resolve(v);
        else if (performance.now() - t0 > ms) reject(new Error(`flow ${n}: timed out waiting for ${fn}`));
        else requestAnimationFrame(tick);
      };
      tick();
    });
  const heading = () => root.querySelector('[data-step-heading]')?.textContent?.trim();
  const inside = (tag) => root.querySelector(tag);
  const button = (text) =>
    [...root.querySelectorAll('section:not([hidden]) button, .actions button, button.back, button')].find(
      (b) => b.textContent?.trim().startsWith(text) && b.offsetParent !== null && !b.disabled,
    );
  const press = async (text) => {
    (await until(() => button(text))).click();
    await report.updateComplete;
  };
  const type = (field, value) => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  await until(() => heading() === 'Where is the problem?');
  const picker = await until(() => inside('open311-map-picker')?.shadowRoot?.querySelector('#describe-text') && inside('open311-map-picker'));
  picker.shadowRoot.querySelector('details').open = true;
  picker.shadowRoot.querySelector('#describe-text').value = `Outside ${n} Queen Square, by the post box`;
  [...picker.shadowRoot.querySelectorAll('button')].find((b) => b.textContent?.includes('Use this description')).click();
  await press('Continue');

  await until(() => heading() === 'What is the problem?');
  const chooser = await until(() => inside('open311-service-chooser')?.shadowRoot?.querySelector('input[type=radio]') && inside('open311-service-chooser'));
  [...chooser.shadowRoot.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith('Pothole')).click();
  await press('Continue');

  await until(() => heading() === 'Tell us more about the problem');
  const questions = await until(() => {
    const f = root.querySelector('open311-report-form[sections="questions"]');
    return f?.shadowRoot?.querySelector('input[type=radio][value="DEEP"]') ? f : undefined;
  });
  questions.shadowRoot.querySelector('input[type=radio][value="DEEP"]').click();
  type(questions.shadowRoot.querySelector('textarea[name="description"], #description'), `Bench flow ${n}: a deep hole by the post box`);
  await questions.updateComplete;
  await press('Continue');

  await until(() => heading() === 'About you');
  const contact = await until(() => {
    const f = root.querySelector('open311-report-form[sections="contact"]');
    return f?.shadowRoot?.querySelector('input[type=email]') ? f : undefined;
  });
  type(contact.shadowRoot.querySelector('input[type=email]'), 'resident@example.org');
  await press('Continue');

  await until(() => heading() === 'Check your answers before sending your report');
  await press('Send report');
  await until(() => heading() === 'Report sent');
  const reference = root.querySelector('.reference')?.textContent?.trim() ?? '';
  await press('Report another problem');
  await until(() => heading() === 'Where is the problem?');
  return reference;
}

/**
 * The element `selector` as drawn now, for the bench's first-screen references: `page`, its HTML
 * with every shadow root written as a declarative one (`<template shadowrootmode="open">`, its
 * adopted styles in a `<style>`), which a browser draws with no script; and `hosts`, each shadow
 * host in it (outermost first) with its styles and its shadow root's HTML (hosts inside written as
 * plain tags), to be drawn again by Lit elements with one static template each. Comments (Lit's
 * markers) are left out; form fields' typed values are not attributes and are not kept.
 */
export function firstScreenSnapshot(selector) {
  const text = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const empty = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
  const css = (root) => [...root.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n');
  const hosts = [];
  const inner = (parent, declarative) => [...parent.childNodes].map((n) => write(n, declarative)).join('');
  const write = (node, declarative) => {
    if (node.nodeType === Node.TEXT_NODE) return text(node.data);
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const tag = node.localName;
    let html = `<${tag}${[...node.attributes].map((a) => ` ${a.name}="${attr(a.value)}"`).join('')}>`;
    if (node.shadowRoot && declarative)
      html += `<template shadowrootmode="open"><style>${css(node.shadowRoot)}</style>${inner(node.shadowRoot, true)}</template>`;
    if (node.shadowRoot && !declarative) {
      const host = { tag, css: css(node.shadowRoot), html: '' };
      hosts.push(host);
      host.html = inner(node.shadowRoot, false);
    }
    if (empty.has(tag)) return html;
    return `${html}${inner(tag === 'template' ? node.content : node, declarative)}</${tag}>`;
  };
  const element = document.querySelector(selector);
  const page = write(element, true);
  write(element, false);
  return { page, hosts };
}
