import { expect } from '@open-wc/testing';
import { HELPERS, INPUTS, SIZES, checkLinear, slowestOf, throughClient, type Timing } from '../helpers/linear-time.js';

/**
 * Issue 17, finding 4: no text helper of the client does quadratic work on server text. In the
 * browser, 420 KB of `<title>` made one 32 s long task; each helper is fed the adversarial inputs
 * at 10 KB, 100 KB and 1 MB and must stay within a bound proportional to the size.
 */
describe('Open311 text helpers take time in proportion to the input', () => {
  for (const [helper, run] of HELPERS) {
    it(`${helper}: every adversarial input, ${SIZES.join(' / ')} characters`, async () => {
      const slowest: Timing[] = [];
      for (const [input, make] of INPUTS) slowest.push(await checkLinear(`${helper} on ${input}`, make, run));
      console.log(`slowest: ${slowestOf(slowest)}`);
    });
  }

  for (const status of [200, 500]) {
    it(`the client reading a ${status} answer of each adversarial body`, async () => {
      const slowest: Timing[] = [];
      for (const [input, make] of INPUTS) slowest.push(await checkLinear(`client ${status} on ${input}`, make, (body) => throughClient(body, status)));
      console.log(`slowest: ${slowestOf(slowest)}`);
      const e = await throughClient(`<title>Bad gateway</title>${'<title'.repeat(10_000)}`, 200);
      expect(String((e as Error).message)).to.contain('Bad gateway');
    });
  }
});
