// Test helper: the embed URL comes from this page's own ?embed= parameter (servers use free ports).
const src = new URLSearchParams(location.search).get('embed');
if (src) document.getElementById('report').src = src;
