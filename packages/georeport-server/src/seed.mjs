// Sample requests for the demo (`--seed`): a handful of reports around one town centre, in several
// statuses, so the status tracker and map have something to show on first run.

import { servicesByCode, GROUP_AGENCIES, DEFAULT_AGENCY } from './catalogue.mjs';
import { isoNow } from './store.mjs';

const DAY = 24 * 60 * 60 * 1000;

/** Centre of the demo area (Bristol city centre, WGS84). */
export const DEMO_CENTRE = Object.freeze({ lat: 51.4545, long: -2.5879 });

/** @type {[code: string, status: string, notes: string, daysAgo: number, dLat: number, dLong: number, address: string, description: string][]} */
const SAMPLES = [
  ['PTH-01', 'fixed', 'Repaired by the highways team.', 20, 0.0012, 0.0021, '12 Corn Street', 'Deep pothole in the cycle lane'],
  ['LGT-02', 'in_progress', 'Contractor visit booked.', 9, -0.0008, 0.0015, 'Queen Square', 'Light outside number 14 is out'],
  ['FT-10', 'open', '', 2, 0.0021, -0.0011, 'Back of Broad Street', 'Mattress and black bags dumped by the bins'],
  ['GRF-01', 'action_scheduled', 'Removal booked for next week.', 5, -0.0017, -0.0023, 'Baldwin Street', 'Tags on the bus shelter'],
  ['DRN-01', 'duplicate', 'Already reported by someone else.', 12, 0.0005, 0.0031, 'King Street', 'Gully blocked with leaves'],
  ['TRE-01', 'closed', 'Branch removed.', 40, 0.0101, 0.0132, 'Brandon Hill', 'Large branch hanging over the path'],
  ['BIN OVERFLOW', 'open', '', 1, -0.0002, 0.0004, 'Harbourside', 'Bin overflowing onto the pavement'],
  ['PAV-02', 'not_councils_responsibility', 'This footway belongs to the harbour estate.', 120, 0.0031, 0.0002, 'Welsh Back', 'Raised slab'],
];

/**
 * Add the sample requests to an empty store.
 * @param {import('./store.mjs').Store} store
 * @param {boolean} digitsOnly ids for the `strings` profile
 */
export function seedDemo(store, digitsOnly) {
  const now = Date.now();
  for (const [code, status, notes, daysAgo, dLat, dLong, address, description] of SAMPLES) {
    const service = /** @type {import('./catalogue.mjs').Service} */ (servicesByCode.get(code));
    const requested = now - daysAgo * DAY;
    const updated = status === 'open' ? requested : Math.min(now, requested + 2 * DAY);
    store.requests.push({
      service_request_id: store.nextRequestId(digitsOnly),
      status,
      status_notes: notes,
      service_code: code,
      service_name: service.service_name,
      description,
      agency_responsible: service.agency ?? GROUP_AGENCIES[service.groups[0]] ?? DEFAULT_AGENCY,
      service_notice: service.notice,
      requested_datetime: isoNow(requested),
      updated_datetime: isoNow(updated),
      expected_datetime: service.expectedDays ? isoNow(requested + service.expectedDays * DAY) : null,
      address: `${address}, Bristol`,
      address_id: null,
      zipcode: null,
      lat: Number((DEMO_CENTRE.lat + dLat).toFixed(6)),
      long: Number((DEMO_CENTRE.long + dLong).toFixed(6)),
      media_url: null,
      attributes: {},
      email: null,
      first_name: null,
      last_name: null,
      phone: null,
      device_id: null,
      account_id: null,
      token: null,
      token_ready_at: null,
    });
  }
  store.save();
}
