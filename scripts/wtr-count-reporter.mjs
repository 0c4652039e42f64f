/**
 * @web/test-runner's own closing line starts with a progress bar, which CI cannot read. This
 * reporter prints one plain line, `wtr: N passed, N failed, N skipped`, per browser and in total,
 * counting a test file that failed to load (or errored outside a test) as a failure.
 */
export function plainCountReporter({ onStop } = {}) {
  return {
    async stop({ sessions }) {
      const perBrowser = new Map();
      for (const session of sessions) {
        const name = session.browser?.name ?? 'browser';
        const counts = perBrowser.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
        const walk = (suite) => {
          for (const t of suite?.tests ?? []) {
            if (t.skipped) counts.skipped++;
            else if (t.passed) counts.passed++;
            else counts.failed++;
          }
          for (const s of suite?.suites ?? []) walk(s);
        };
        walk(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed++;
        if (session.status !== 'FINISHED' && !session.testResults) counts.failed++;
        perBrowser.set(name, counts);
      }
      const total = { passed: 0, failed: 0, skipped: 0 };
      for (const [name, c] of perBrowser) {
        console.log(`wtr ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
        total.passed += c.passed;
        total.failed += c.failed;
        total.skipped += c.skipped;
      }
      console.log(`wtr: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
      if (onStop) await onStop();
    },
  };
}
