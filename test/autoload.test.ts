import { expect } from '@open-wc/testing';
import { autoload } from '../src/autoload.js';
import { until } from './helpers/servers.js';

/**
 * The drop-in loader (src/autoload.ts): an element is loaded when the page uses its tag, but one
 * hidden with `hidden` only when it is shown or at the resident's first interaction (the byte budget:
 * a page that shows the report form once a problem is chosen does not download it before).
 */

/** Whether the browser fetched a chunk whose name starts with `name`. */
function fetched(name: string): boolean {
  return performance.getEntriesByType('resource').some((e) => e.name.includes(`/${name}`));
}

describe('autoload', () => {
  it('loads a shown element at once, a hidden one when shown, and any still hidden at the first key', async () => {
    const chooser = document.createElement('open311-service-chooser');
    const form = document.createElement('open311-report-form');
    form.hidden = true;
    const box = document.createElement('div');
    box.hidden = true;
    const tracker = document.createElement('open311-status-tracker');
    box.append(tracker);
    document.body.append(chooser, form, box);
    try {
      autoload(document);
      await customElements.whenDefined('open311-service-chooser');
      // The chooser's code has arrived; the hidden form's and the tracker's (hidden by an ancestor) have not been asked for.
      expect(customElements.get('open311-report-form')).to.equal(undefined);
      expect(fetched('report-form')).to.equal(false);
      expect(customElements.get('open311-status-tracker')).to.equal(undefined);

      form.hidden = false;
      await until(() => customElements.get('open311-report-form'), 10000);
      expect(customElements.get('open311-status-tracker'), 'still hidden').to.equal(undefined);

      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
      await until(() => customElements.get('open311-status-tracker'), 10000);
    } finally {
      chooser.remove();
      form.remove();
      box.remove();
    }
  });
});
