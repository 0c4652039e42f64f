// The endpoint (a gateway) comes from the query, so the end-to-end test can start it on any port.
const query = new URLSearchParams(location.search);
const report = document.querySelector('open311-report');
if (query.get('endpoint')) report.setAttribute('endpoint', query.get('endpoint'));
