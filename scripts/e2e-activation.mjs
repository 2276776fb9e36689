// Measures the extension's activation in code-server's extension host (for
// `npm run bench`): prints one JSON line { activateMs, openToActiveMs,
// serverReadyMs, server } or { skipped: reason }. Needs `npm run build` and
// `node scripts/e2e-install.mjs`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cs = require(join(root, 'out', 'test', 'e2e', 'code-server.js'));

const install = cs.findCodeServer();
if (!install) {
  console.log(JSON.stringify({ skipped: `code-server is not installed in ${cs.cacheDir()} (node scripts/e2e-install.mjs)` }));
  process.exit(0);
}
const tmp = mkdtempSync(join(tmpdir(), 'hyperstep-activation-'));
const results = join(tmp, 'results.json');
let server, browser;
try {
  const ws = cs.makeWorkspace(tmp);
  server = await cs.startCodeServer(install, tmp, { testDriver: true });
  browser = await cs.launchBrowser(join(tmp, 'browser'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  const exit = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  await page.goto(
    server.url(ws, [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'out', 'test', 'extension', 'activation-probe.js'))],
      ['extensionEnvironment', JSON.stringify({ RESULTS_FILE: results })],
    ]),
    { waitUntil: 'commit', timeout: 60_000 },
  );
  const code = await Promise.race([exit, new Promise((_, rej) => setTimeout(() => rej(new Error('timed out')), 180_000))]);
  if (code !== 0) throw new Error(`the probe failed (exit ${code})`);
  console.log(readFileSync(results, 'utf8').trim());
} catch (e) {
  console.log(JSON.stringify({ error: String(e?.message ?? e) }));
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
