// open311-doctor's printed report: the findings of doctor/probe.mjs in sections, each with what to
// do, then the verdict, the element to paste and, when it is the way, a minimal gateway.json.

/** @typedef {import('./probe.mjs').Report} Report */
/** @typedef {import('./probe.mjs').Level} Level */

/** @type {Record<Level, string>} */
const MARK = { ok: '✓', info: 'i', warn: '!', fail: '✗' };

const SECTIONS = ['Discovery', 'Services', 'Jurisdiction', 'Service definitions', 'Requests', 'Updates', 'CORS', 'Timing', 'Test report', 'Reports'];

/**
 * The report as text, one finding per line, advice on its own line after `→`.
 * @param {Report} report
 * @returns {string}
 */
export function formatReport(report) {
  /** @type {string[]} */
  const out = [];
  out.push(`open311-doctor: ${report.endpoint}`);
  out.push(report.originGiven ? `Page origin: ${report.origin}` : 'Page origin: not given (--origin); CORS checked for any other site');
  const sections = [...SECTIONS, ...new Set(report.findings.map((f) => f.section))].filter((s, i, all) => all.indexOf(s) === i);
  for (const section of sections) {
    const list = report.findings.filter((f) => f.section === section);
    if (!list.length) continue;
    out.push('', section);
    for (const f of list) {
      out.push(`  ${MARK[f.level]} ${f.text}`);
      for (const d of f.details ?? []) out.push(`      ${d}`);
      if (f.advice) out.push(`    → ${f.advice}`);
    }
  }
  if (report.calls.length) {
    out.push('', `Calls (${report.calls.length}, each timed to the end of its answer)`);
    for (const c of report.calls) {
      const where = c.url.startsWith(report.endpoint) ? c.url.slice(report.endpoint.length) : c.url;
      out.push(`  ${c.method} ${where} ${c.status ?? c.error ?? 'no answer'} ${c.ms} ms`);
    }
  }
  out.push('', 'Verdict');
  if (report.works) {
    out.push('  ✓ The widget will work with this server as configured.');
  } else {
    out.push('  ✗ The widget will NOT work with this server as configured:');
    for (const r of report.reasons) out.push(`    - ${r}`);
  }
  if (report.snippet) {
    out.push('', report.needsGateway ? 'What to paste into the page (pointing at the gateway, once it runs)' : 'What to paste into the page');
    out.push(`  <script type="module" src="/open311/open311-elements.js"></script>`);
    out.push(`  ${report.snippet}`);
  }
  if (report.gateway) {
    const placeholders = report.originGiven ? 'publicUrl to its real address' : 'publicUrl and allowedOrigins to the real addresses';
    out.push('', `Use the gateway. gateway.json for council IT (npx open311-gateway --config gateway.json; set ${placeholders}):`);
    out.push(
      ...JSON.stringify(report.gateway, null, 2)
        .split('\n')
        .map((l) => `  ${l}`),
    );
    const body = /** @type {{apiKeyEnv?: string}[]} */ (report.gateway.bodies)[0];
    out.push(
      body?.apiKeyEnv
        ? `  The key goes in the environment variable ${body.apiKeyEnv}, never in the file.`
        : '  If your server needs an api_key for reports, add "apiKeyEnv": "NAME" to the body and put the key in that environment variable.',
    );
  }
  return `${out.join('\n')}\n`;
}
