import { aTimeout, expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { MAX_POLL_MS, RefreshController } from '../../src/controllers/refresh.js';
import { until } from '../helpers/servers.js';

/** A host that records each automatic refresh; `final` plays a closed report. */
class RefreshHost extends LitElement {
  interval = 0.05;
  final = false;
  readonly runs: number[] = [];
  readonly refresher: RefreshController = new RefreshController(this, {
    interval: () => this.interval,
    next: () =>
      this.final
        ? undefined
        : () => {
            this.runs.push(Date.now());
            this.refresher.checked();
            this.requestUpdate();
          },
  });
}
customElements.define('refresh-test-host', RefreshHost);

/** Makes the tab look hidden (or visible again) and tells the page, as a browser would. */
function setHidden(hidden: boolean): void {
  if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  else delete (document as { visibilityState?: unknown }).visibilityState;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Records the waits asked of setTimeout (those of 50 ms or more, the poll's) and makes them immediate. */
function recordWaits(): { waits: number[]; restore: () => void } {
  const original = window.setTimeout;
  const waits: number[] = [];
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    if (ms !== undefined && ms >= 50) {
      waits.push(ms);
      return original(handler, 0, ...rest);
    }
    return original(handler, ms, ...rest);
  }) as typeof window.setTimeout;
  return { waits, restore: () => (window.setTimeout = original) };
}

describe('RefreshController', () => {
  afterEach(() => {
    setHidden(false);
    fixtureCleanup();
  });

  it('refreshes every interval after the last check while the page is visible', async () => {
    const el = await fixture<RefreshHost>(html`<refresh-test-host></refresh-test-host>`);
    el.refresher.checked();
    await until(() => el.runs.length >= 3);
    for (let i = 1; i < el.runs.length; i++) expect(el.runs[i] - el.runs[i - 1], `wait ${i}`).to.be.at.least(45);
  });

  it('asks nothing while the tab is hidden, and refreshes at once when it is shown after the interval', async () => {
    const el = await fixture<RefreshHost>(html`<refresh-test-host></refresh-test-host>`);
    el.refresher.checked();
    await until(() => el.runs.length >= 1);
    setHidden(true);
    const before = el.runs.length;
    // A negative check needs a wait: four intervals.
    await aTimeout(200);
    expect(el.runs.length).to.equal(before);
    setHidden(false);
    await until(() => el.runs.length > before);
  });

  it('stops at a final state, and with interval 0', async () => {
    const el = await fixture<RefreshHost>(html`<refresh-test-host></refresh-test-host>`);
    el.refresher.checked();
    await until(() => el.runs.length >= 1);
    el.final = true;
    el.requestUpdate();
    await el.updateComplete;
    const atFinal = el.runs.length;
    await aTimeout(200);
    expect(el.runs.length, 'no refresh after a final state').to.equal(atFinal);

    el.final = false;
    el.interval = 0;
    el.requestUpdate();
    await el.updateComplete;
    await aTimeout(200);
    expect(el.runs.length, 'no refresh with interval 0').to.equal(atFinal);
  });

  it('leaves no timer behind when the host leaves the page, and plans again when it is back', async () => {
    const el = await fixture<RefreshHost>(html`<refresh-test-host></refresh-test-host>`);
    el.refresher.checked();
    await until(() => el.runs.length >= 1);
    const parent = el.parentElement!;
    el.remove();
    const before = el.runs.length;
    await aTimeout(200);
    expect(el.runs.length).to.equal(before);
    parent.append(el);
    await until(() => el.runs.length > before);
  });

  describe('poll()', () => {
    // Each host below has automatic refreshes off (.interval 0): only the poll's waits are timers.
    it('asks at once, then waits first, doubling each time up to max, and gives the answer', async () => {
      const el = await fixture<RefreshHost>(html`<refresh-test-host .interval=${0}></refresh-test-host>`);
      const { waits, restore } = recordWaits();
      try {
        let asked = 0;
        const answer = await el.refresher.poll(async () => (++asked === 6 ? 'R-1' : undefined), { first: 100, max: 500, signal: new AbortController().signal });
        expect(answer).to.equal('R-1');
        expect(asked).to.equal(6);
        expect(waits).to.deep.equal([100, 200, 400, 500, 500]);
      } finally {
        restore();
      }
    });

    it('waits at least 50 ms and at most a minute by default (poll-interval="0" must not hammer the server)', async () => {
      const el = await fixture<RefreshHost>(html`<refresh-test-host .interval=${0}></refresh-test-host>`);
      const { waits, restore } = recordWaits();
      try {
        let asked = 0;
        await el.refresher.poll(async () => (++asked === 3 ? 'R-1' : undefined), { first: 0, signal: new AbortController().signal });
        expect(waits).to.deep.equal([50, 100]);
        waits.length = 0;
        asked = 0;
        await el.refresher.poll(async () => (++asked === 9 ? 'R-2' : undefined), { first: 2000, signal: new AbortController().signal });
        expect(waits).to.deep.equal([2000, 4000, 8000, 16000, 32000, MAX_POLL_MS, MAX_POLL_MS, MAX_POLL_MS]);
      } finally {
        restore();
      }
    });

    it('does not ask again while the tab is hidden', async () => {
      const el = await fixture<RefreshHost>(html`<refresh-test-host .interval=${0}></refresh-test-host>`);
      setHidden(true);
      let asked = 0;
      const answer = el.refresher.poll(async () => (++asked === 2 ? 'R-1' : undefined), { first: 50, signal: new AbortController().signal });
      await until(() => asked === 1);
      await aTimeout(200);
      expect(asked, 'nothing asked from a hidden tab').to.equal(1);
      setHidden(false);
      expect(await answer).to.equal('R-1');
    });

    it('stops when its signal aborts (the element left the page)', async () => {
      const el = await fixture<RefreshHost>(html`<refresh-test-host .interval=${0}></refresh-test-host>`);
      const controller = new AbortController();
      let asked = 0;
      const polling = el.refresher.poll(async () => (++asked, undefined), { first: 50, signal: controller.signal });
      await until(() => asked === 1);
      controller.abort();
      let error: unknown;
      await polling.catch((e: unknown) => (error = e));
      expect((error as DOMException).name).to.equal('AbortError');
      await aTimeout(150);
      expect(asked).to.equal(1);
    });
  });
});
