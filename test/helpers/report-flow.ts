import type { Open311Report } from '../../src/elements/report/report.js';
import { until } from './servers.js';

/** Helpers that drive `<open311-report>` through its steps, shared by the report tests. */

export type Stored = { service_request_id: string; description?: string; email?: string; attributes?: Record<string, unknown> }[];

export const root = (el: Element): ShadowRoot => el.shadowRoot!;
export const inside = (el: Element, tag: string): HTMLElement & { shadowRoot: ShadowRoot } =>
  root(el).querySelector(tag) as HTMLElement & { shadowRoot: ShadowRoot };
export const heading = (el: Open311Report) => root(el).querySelector('[data-step-heading]')?.textContent?.trim();
export const stepCount = (el: Open311Report) => root(el).querySelector('.step-count')?.textContent?.trim();

export function visibleButton(el: Element, text: string): HTMLButtonElement {
  const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('section:not([hidden]) button, .actions button, button.back')];
  const found = buttons.find((b) => b.textContent?.trim().startsWith(text) && b.offsetParent !== null);
  if (!found) throw new Error(`no visible button "${text}"`);
  return found;
}

export async function click(el: Open311Report, text: string): Promise<void> {
  visibleButton(el, text).click();
  await el.updateComplete;
}

export async function describePlace(el: Open311Report, words: string): Promise<void> {
  const picker = await until(() => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector('#describe-text') && inside(el, 'open311-map-picker'));
  const text = picker.shadowRoot.querySelector<HTMLTextAreaElement>('#describe-text')!;
  (picker.shadowRoot.querySelector('details') as HTMLDetailsElement).open = true;
  text.value = words;
  [...picker.shadowRoot.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Use this description'))!.click();
}

export async function chooseService(el: Open311Report, name: string): Promise<void> {
  const chooser = await until(() => {
    const c = inside(el, 'open311-service-chooser');
    return c?.shadowRoot?.querySelector('input[type=radio]') ? c : undefined;
  }, 10000);
  const label = [...chooser.shadowRoot.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name))!;
  label.click();
}

export function questionsForm(el: Open311Report) {
  return root(el).querySelector('open311-report-form[sections="questions"]') as HTMLElement & { shadowRoot: ShadowRoot; updateComplete: Promise<boolean> };
}

/**
 * Waits for "Tell us more about the problem" after the problem step, answering "No, mine is a
 * different problem" when "Is it one of these?" comes first, as a resident filing their own report
 * would: the test servers are shared by every file and keep every report, so a test that reports a
 * problem near a place another test used meets the reports made there (issue 19: on by default).
 */
export async function pastNearby(el: Open311Report): Promise<void> {
  await until(() => heading(el) === 'Tell us more about the problem' || heading(el) === 'Is it one of these?', 10000);
  if (heading(el) !== 'Is it one of these?') return;
  await until(() => [...root(el).querySelectorAll('.nearby-offer button')].some((b) => b.textContent?.trim() === 'No, mine is a different problem'), 10000);
  await click(el, 'No, mine is a different problem');
  await until(() => heading(el) === 'Tell us more about the problem', 10000);
}

export async function answerPothole(el: Open311Report, description: string): Promise<void> {
  await pastNearby(el);
  const form = await until(() => {
    const f = questionsForm(el);
    return f?.shadowRoot?.querySelector('input[type=radio][value="DEEP"]') ? f : undefined;
  }, 10000);
  form.shadowRoot.querySelector<HTMLInputElement>('input[type=radio][value="DEEP"]')!.click();
  const area = form.shadowRoot.querySelector<HTMLTextAreaElement>('textarea[name="description"], #description')!;
  area.value = description;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  area.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await form.updateComplete;
}

export async function fillEmail(el: Open311Report, email: string): Promise<void> {
  const form = await until(() => {
    const f = root(el).querySelector('open311-report-form[sections="contact"]') as (HTMLElement & { shadowRoot: ShadowRoot }) | null;
    return f?.shadowRoot?.querySelector('input[type=email]') ? f : undefined;
  });
  const input = form.shadowRoot.querySelector<HTMLInputElement>('input[type=email]')!;
  input.value = email;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** From the first step to "Tell us more about the problem": the place described, Pothole chosen. */
export async function toDetailsStep(el: Open311Report): Promise<void> {
  await describePlace(el, 'Outside 14 Queen Square, by the post box');
  await click(el, 'Continue');
  await until(() => heading(el) === 'What is the problem?');
  await chooseService(el, 'Pothole');
  await click(el, 'Continue');
  await pastNearby(el);
}

export async function toCheckStep(el: Open311Report, description: string): Promise<void> {
  await describePlace(el, 'Outside 14 Queen Square, by the post box');
  await click(el, 'Continue');
  await until(() => heading(el) === 'What is the problem?');
  await chooseService(el, 'Pothole');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Tell us more about the problem');
  await answerPothole(el, description);
  await click(el, 'Continue');
  await until(() => heading(el) === 'About you');
  await fillEmail(el, 'resident@example.org');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Check your answers before sending your report');
}
