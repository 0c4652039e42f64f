import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/status-tracker/status-tracker.js';
import { Open311Client } from '../../src/open311/client.js';
import { until } from '../helpers/servers.js';

/**
 * Issue 22, item 9: after a "still a problem" reopen the timeline was muddled: the reopening was
 * listed under "Received", above the "Fixed" it followed. It now reads as a sequence.
 */

const REQUEST = {
  service_request_id: 'R-1',
  status: 'in_progress',
  service_name: 'Pothole',
  requested_datetime: '2026-11-01T09:00:00Z',
  updated_datetime: '2026-11-20T09:00:00Z',
};
const UPDATES = {
  service_request_updates: [
    { update_id: 'u1', service_request_id: 'R-1', status: 'in_progress', updated_datetime: '2026-11-03T09:00:00Z', description: 'Crew booked' },
    { update_id: 'u2', service_request_id: 'R-1', status: 'fixed', updated_datetime: '2026-11-05T09:00:00Z', description: 'Filled the hole' },
    { update_id: 'u3', service_request_id: 'R-1', status: 'open', updated_datetime: '2026-11-10T09:00:00Z', description: 'Still a problem: it has sunk again' },
    { update_id: 'u4', service_request_id: 'R-1', status: 'in_progress', updated_datetime: '2026-11-20T09:00:00Z', description: 'Crew booked again' },
  ],
};

function client(request: unknown): Open311Client {
  return new Open311Client({
    endpoint: 'https://canned.example/open311/v2/',
    retries: 0,
    format: 'json',
    fetch: async (input) =>
      new Response(JSON.stringify(String(input).includes('servicerequestupdates') ? UPDATES : [request]), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  });
}

const stages = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('.stage')].map((s) => ({
    name: s.querySelector('.stage-name')!.textContent!.trim(),
    current: s.getAttribute('aria-current') === 'step',
    updates: [...s.querySelectorAll('.update .notes')].map((n) => n.textContent!.trim()),
  }));

describe('<open311-status-tracker>: a reopened report', () => {
  it('reads reported → received → in progress → fixed → reopened → in progress (now) → done, each update in its place', async () => {
    const el = await fixture<HTMLElement>(html`<open311-status-tracker updates .client=${client(REQUEST)} request-id="R-1"></open311-status-tracker>`);
    await until(() => el.shadowRoot!.querySelector('.update'), 8000);
    expect(stages(el)).to.deep.equal([
      { name: 'Reported', current: false, updates: [] },
      { name: 'Received', current: false, updates: [] },
      { name: 'In progress', current: false, updates: ['Crew booked'] },
      { name: 'Fixed', current: false, updates: ['Filled the hole'] },
      { name: 'Reopened: still a problem', current: false, updates: ['Still a problem: it has sunk again'] },
      { name: 'In progress', current: true, updates: ['Crew booked again'] },
      { name: 'Done', current: false, updates: [] },
    ]);
    await expect(el).to.be.accessible();
  });

  it('just reopened: the reopening is the current stage, after the fix', async () => {
    const request = { ...REQUEST, status: 'open' };
    const only = { service_request_updates: UPDATES.service_request_updates.slice(0, 3) };
    const c = new Open311Client({
      endpoint: 'https://canned.example/open311/v2/',
      retries: 0,
      format: 'json',
      fetch: async (input) =>
        new Response(JSON.stringify(String(input).includes('servicerequestupdates') ? only : [request]), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const el = await fixture<HTMLElement>(html`<open311-status-tracker updates .client=${c} request-id="R-1"></open311-status-tracker>`);
    await until(() => el.shadowRoot!.querySelector('.update'), 8000);
    const names = stages(el).map((s) => `${s.name}${s.current ? ' (now)' : ''}`);
    expect(names).to.deep.equal(['Reported', 'Received', 'In progress', 'Fixed', 'Reopened: still a problem (now)', 'In progress', 'Done']);
  });
});
