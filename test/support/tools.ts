/**
 * Reference tools (GNU binutils for RISC-V, QEMU) for differential tests.
 * Locally, a suite whose tool is missing skips itself with the reason; under
 * CI=true a missing tool is a failure, so CI can never pass by running nothing.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const found = new Map<string, string | undefined>();

export function toolPath(name: string): string | undefined {
  if (!found.has(name)) {
    let p: string | undefined;
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        p = candidate;
        break;
      } catch {
        /* keep looking */
      }
    }
    found.set(name, p);
  }
  return found.get(name);
}

/**
 * Call from a mocha `before`/`it` with `this`: returns the tool's path, or
 * skips the suite (locally) / throws (CI=true) when it is not installed.
 */
export function needTool(ctx: Mocha.Context, name: string): string {
  const p = toolPath(name);
  if (p) return p;
  const reason = `${name} is not installed (Debian package needed; see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

/** Runs a command, returning stdout; throws with stderr on failure. */
export function run(cmd: string, args: string[], opts: { input?: string | Buffer; cwd?: string; timeoutMs?: number } = {}): string {
  return execFileSync(cmd, args, {
    input: opts.input,
    cwd: opts.cwd,
    timeout: opts.timeoutMs ?? 60_000,
    encoding: 'latin1',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Runs a command and returns status, stdout and stderr without throwing. */
export function runStatus(cmd: string, args: string[], opts: { input?: string | Buffer; cwd?: string; timeoutMs?: number } = {}) {
  const r = spawnSync(cmd, args, {
    input: opts.input,
    cwd: opts.cwd,
    timeout: opts.timeoutMs ?? 60_000,
    encoding: 'latin1',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A fresh temporary directory for one test's files. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hyperstep-${prefix}-`));
}
