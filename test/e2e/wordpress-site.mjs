// A real WordPress for the plugin's end-to-end test (issue 20), from Debian's packages: a private
// MariaDB on a socket in a temp folder (no TCP port), PHP's built-in web server on 127.0.0.1 and a
// random port, a site installed by script with Twenty Twenty-Three, and the plugin installed from its
// release zip (the built dist/ as its bundled assets/) as Upload Plugin does. Nothing on the machine is
// touched but /etc/wordpress/config-<unique name>.php (how Debian's WordPress finds a site), which
// close() deletes with the rest.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WP = '/usr/share/wordpress';

/** The Debian packages and a file each one installs. */
export const WORDPRESS_PACKAGES = [
  { bin: `${WP}/wp-load.php`, pkg: 'wordpress' },
  { bin: `${WP}/wp-content/themes/twentytwentythree/theme.json`, pkg: 'wordpress-theme-twentytwentythree' },
  // WordPress's own Welsh (a Recommends of wordpress): without it a site cannot be set to cy.
  { bin: `${WP}/wp-content/languages/cy.mo`, pkg: 'wordpress-l10n' },
  { bin: '/usr/bin/php', pkg: 'php-cli' },
  { bin: '/usr/share/php8.2-mysql/mysql/mysqli.ini', pkg: 'php-mysql' },
  { bin: '/usr/sbin/mariadbd', pkg: 'mariadb-server' },
];

/** Throws with the apt-get line when a package is missing. */
export function checkPackages() {
  const missing = WORDPRESS_PACKAGES.filter((p) => !existsSync(p.bin));
  if (missing.length) {
    throw new Error(
      `The WordPress test needs Debian packages that are missing. Run, as root:\n  apt-get update && apt-get install -y --no-install-recommends ${missing.map((m) => m.pkg).join(' ')}`,
    );
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** PHP's single-quoted string. */
export const phpString = (s) => `'${String(s).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * Starts a site with the plugin installed from `pluginZip` (as `npm run release` writes it) and
 * activated; `close()` stops it and removes everything. `files` copies extra folders into
 * wp-content (e.g. a map style), as { 'open311-test': '/path' }.
 */
export async function startWordPress({ pluginZip, files = {} }) {
  checkPackages();
  if (!pluginZip || !existsSync(pluginZip)) throw new Error(`no plugin zip at ${pluginZip}`);
  const dir = mkdtempSync(join(tmpdir(), 'open311-wp-'));
  const name = `open311-test-${randomBytes(6).toString('hex')}`;
  const configFile = `/etc/wordpress/config-${name}.php`;
  const children = [];
  const db = join(dir, 'db');
  const sock = join(dir, 'mysql.sock');
  const content = join(dir, 'content');

  async function close() {
    for (const c of children.reverse()) {
      // Each child leads its own process group (php -S forks its workers): stop the group.
      const kill = (signal) => {
        try {
          process.kill(-c.pid, signal);
        } catch {
          /* already gone */
        }
      };
      if (c.exitCode === null && c.signalCode === null) {
        const done = new Promise((r) => c.once('exit', r));
        kill('SIGTERM');
        await Promise.race([done, sleep(5000)]);
      }
      kill('SIGKILL');
      c.stderr?.destroy();
    }
    rmSync(configFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    // The database: its own data folder, a socket only.
    const init = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${db}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`mariadb-install-db failed:\n${init.stdout}\n${init.stderr}`);
    const mariadb = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${db}`,
        `--socket=${sock}`,
        '--skip-networking',
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--log-error=${join(dir, 'mariadb.err')}`,
        '--innodb-buffer-pool-size=32M',
        '--skip-log-bin',
      ],
      { stdio: 'ignore', detached: true },
    );
    children.push(mariadb);
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      await sleep(200);
      ready = spawnSync('mariadb', ['--no-defaults', '-uroot', `--socket=${sock}`, '-e', 'SELECT 1']).status === 0;
    }
    if (!ready) throw new Error('MariaDB did not start');
    const sql = "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost';";
    const made = spawnSync('mariadb', ['--no-defaults', '-uroot', `--socket=${sock}`, '-e', sql], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`creating the database failed: ${made.stderr}`);

    // wp-content of its own: WordPress's Welsh, the theme, plugins/ for the plugin zip.
    mkdirSync(join(content, 'plugins'), { recursive: true });
    mkdirSync(join(content, 'uploads'), { recursive: true });
    // WordPress's Welsh (Debian ships it): the site refuses WPLANG=cy without it.
    mkdirSync(join(content, 'languages'));
    for (const f of ['cy.mo', 'admin-cy.mo']) cpSync(`${WP}/wp-content/languages/${f}`, join(content, 'languages', f));
    cpSync(`${WP}/wp-content/themes/twentytwentythree`, join(content, 'themes', 'twentytwentythree'), { recursive: true, dereference: true });
    for (const [to, from] of Object.entries(files)) cpSync(from, join(content, to), { recursive: true });

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    writeFileSync(
      configFile,
      `<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', ${phpString(`localhost:${sock}`)});
define('WP_HOME', ${phpString(url)});
define('WP_SITEURL', ${phpString(url)});
define('WP_CONTENT_DIR', ${phpString(content)});
define('WP_CONTENT_URL', ${phpString(`${url}/wp-content`)});
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', ${phpString(join(dir, 'debug.log'))});
$table_prefix = 'wp_';
`,
    );

    // The router: this site's config; wp-content from the test's folder (no PHP from there);
    // WordPress's own PHP files run as themselves; anything else goes to index.php.
    const router = join(dir, 'router.php');
    writeFileSync(
      router,
      `<?php
$_SERVER['WORDPRESS_CONFIG'] = ${phpString(name)};
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$content = ${phpString(content)};
if (str_starts_with($path, '/wp-content/')) {
  $file = realpath($content . substr($path, strlen('/wp-content')));
  if ($file === false || !str_starts_with($file, $content . '/') || !is_file($file) || str_ends_with($file, '.php')) {
    http_response_code(404);
    return true;
  }
  $types = ['js' => 'text/javascript', 'mjs' => 'text/javascript', 'css' => 'text/css', 'json' => 'application/json', 'geojson' => 'application/geo+json', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'woff2' => 'font/woff2', 'html' => 'text/html'];
  header('Content-Type: ' . ($types[pathinfo($file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
  header('X-Content-Type-Options: nosniff');
  readfile($file);
  return true;
}
$file = '${WP}' . $path;
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
  $path = rtrim($path, '/') . '/index.php';
  $file = '${WP}' . $path;
}
if (!str_ends_with($file, '.php') && is_file($file) && !str_contains($path, '..')) return false;
if (!is_file($file) || str_contains($path, '..')) {
  $path = '/index.php';
  $file = '${WP}/index.php';
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = $path;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir(dirname($file));
require $file;
`,
    );
    // OPcache, which PHP's CLI leaves off: WordPress loads a few hundred files per request.
    const php = spawn('php', ['-d', 'opcache.enable_cli=1', '-d', 'opcache.validate_timestamps=0', '-S', `127.0.0.1:${port}`, '-t', WP, router], {
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    children.push(php);
    let phpLog = '';
    php.stderr.on('data', (d) => {
      phpLog = (phpLog + d).slice(-20000);
    });

    /** Runs PHP with WordPress loaded; `code` may `return` a value, which comes back as JSON. */
    function wp(code, { installing = false } = {}) {
      const script = `<?php
$_SERVER['WORDPRESS_CONFIG'] = ${phpString(name)};
$_SERVER['HTTP_HOST'] = ${phpString(`127.0.0.1:${port}`)};
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
${installing ? "define('WP_INSTALLING', true);" : ''}
require ${phpString(`${WP}/wp-load.php`)};
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$result = (function () { ${code} })();
echo "\\n@@RESULT@@" . json_encode($result);
`;
      const r = spawnSync('php', ['-d', 'display_errors=stderr'], { input: script, encoding: 'utf8', cwd: dir });
      const at = r.stdout.lastIndexOf('@@RESULT@@');
      if (r.status !== 0 || at < 0) throw new Error(`PHP failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      return JSON.parse(r.stdout.slice(at + 10));
    }

    const users =
      wp(
        `
wp_install('Example Council', 'admin', 'admin@example.org', true, '', 'admin-pass-1');
return true;`,
        { installing: true },
      ) &&
      wp(`
switch_theme('twentytwentythree');
// The plugin zip, installed as Plugins → Add New → Upload Plugin does it.
wp_set_current_user(1);
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
WP_Filesystem();
$upgrader = new Plugin_Upgrader(new Automatic_Upgrader_Skin());
$installed = $upgrader->install(${phpString(pluginZip)});
if (true !== $installed) return 'installing the plugin zip failed: ' . (is_wp_error($installed) ? $installed->get_error_message() : var_export($installed, true)) . ' ' . implode(' ', $upgrader->skin->get_upgrade_messages());
$r = activate_plugin('open311-elements/open311-elements.php');
if (is_wp_error($r)) return $r->get_error_message();
// Most council editors: an Editor without unfiltered_html.
$caps = get_role('editor')->capabilities;
unset($caps['unfiltered_html']);
add_role('council_editor', 'Council editor', $caps);
return [
  'author' => wp_insert_user(['user_login' => 'author', 'user_pass' => 'author-pass-1', 'user_email' => 'author@example.org', 'role' => 'author']),
  'editor' => wp_insert_user(['user_login' => 'editor', 'user_pass' => 'editor-pass-1', 'user_email' => 'editor@example.org', 'role' => 'council_editor']),
  'admin' => 1,
  'caps' => [
    'author' => user_can(get_user_by('login', 'author'), 'unfiltered_html'),
    'editor' => user_can(get_user_by('login', 'editor'), 'unfiltered_html'),
    'admin' => user_can(1, 'unfiltered_html'),
  ],
];`);
    if (typeof users !== 'object') throw new Error(`set-up failed: ${JSON.stringify(users)}`);

    // Wait for the web server.
    let up = false;
    for (let i = 0; i < 50 && !up; i++) {
      if (php.exitCode !== null) throw new Error(`php -S stopped:\n${phpLog}`);
      up = await fetch(`${url}/wp-login.php`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await sleep(200);
    }
    if (!up) throw new Error(`php -S did not answer:\n${phpLog}`);

    return {
      url,
      users,
      wp,
      /** Saves a post as a user, as the editor does (kses runs for users without unfiltered_html). */
      savePost(userId, post) {
        return wp(`
wp_set_current_user(${Number(userId)});
$post = json_decode(${phpString(JSON.stringify(post))}, true);
$id = empty($post['ID']) ? wp_insert_post(wp_slash($post), true) : wp_update_post(wp_slash($post), true);
if (is_wp_error($id)) return $id->get_error_message();
return ['id' => $id, 'content' => get_post($id)->post_content, 'url' => get_permalink($id)];`);
      },
      log: () => phpLog,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
