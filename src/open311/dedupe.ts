import type { Open311Client } from './client.js';
import type { NewServiceRequest, ServiceRequest } from './models.js';

/**
 * After a send whose answer was lost (timeout, dropped connection, reload mid-send), the report
 * may or may not have arrived. Most servers cannot deduplicate, so before sending again we look
 * for it among the server's recent requests: same service, same description, same place, made
 * since the send started (issue 10, "nothing is sent twice"). Requests created through a token
 * may stay invisible until processed, so "not found" is a best effort, not a proof.
 */
export async function findSubmitted(
  client: Open311Client,
  input: NewServiceRequest,
  since: Date,
  options: { signal?: AbortSignal } = {},
): Promise<ServiceRequest | undefined> {
  // A minute of slack for clocks that disagree.
  const start = new Date(since.getTime() - 60_000);
  const recent = await client.requests({ serviceCodes: [input.serviceCode], startDate: start }, options);
  const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 4000);
  const near = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined || Math.abs(a - b) < 1e-5;
  return recent.find(
    (r) =>
      (r.serviceCode === undefined || r.serviceCode === input.serviceCode) &&
      text(r.description) === text(input.description) &&
      near(r.lat, input.lat) &&
      near(r.long, input.long) &&
      (r.requested?.date === undefined || r.requested.date.getTime() >= start.getTime()),
  );
}
