// Runs the extension's integration suite (test/extension/suite) in desktop
// VS Code downloaded by @vscode/test-electron — for machines that can reach
// VS Code's download servers (this project's CI cannot; there `npm test`
// runs the same suite in code-server: test/extension/host.test.ts).
//
//   npm run build && node scripts/e2e-electron.mjs [--version 1.91.0]
//
// Prints each test's outcome and ends with "N passed, N failed, N skipped".
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { makeWorkspace } = require(join(root, 'out', 'test', 'e2e', 'code-server.js'));

const vi = process.argv.indexOf('--version');
const version = vi > 0 ? process.argv[vi + 1] : 'stable';
const tmp = mkdtempSync(join(tmpdir(), 'hyperstep-electron-'));
const resultsFile = join(tmp, 'results.json');
let code = 1;
try {
  const ws = makeWorkspace(tmp);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'extension', 'suite', 'index.js'),
      extensionTestsEnv: { RESULTS_FILE: resultsFile },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    console.error(`VS Code reported failure: ${e?.message ?? e}`);
  }
  const { results } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const count = (s) => results.filter((r) => r.state === s).length;
  for (const r of results) console.log(`${r.state.padEnd(7)} ${r.title}${r.reason ? ` (${r.reason})` : ''}${r.error ? `\n${r.error}` : ''}`);
  code = count('failed') > 0 || results.length === 0 ? 1 : 0;
  console.log(`${count('passed')} passed, ${count('failed')} failed, ${count('pending')} skipped`);
} catch (e) {
  console.error(`e2e-electron: ${e?.stack ?? e}`);
  console.log('0 passed, 1 failed, 0 skipped');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
