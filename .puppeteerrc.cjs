// Never let puppeteer download a browser: tests use Debian's system browsers.
module.exports = { skipDownload: true };
