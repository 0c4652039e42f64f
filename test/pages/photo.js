// The photo strategy and upload address come from the query, so one page serves every photo test.
const query = new URLSearchParams(location.search);
const report = document.querySelector('open311-report');
report.setAttribute('photo', query.get('photo') ?? 'none');
if (query.get('upload')) report.setAttribute('upload-url', query.get('upload'));
