/**
 * Runs the bundled command-line tool (dist/cli.js) in a child process of the
 * extension host's own Node (no `node` on PATH needed).
 */
import { spawn } from 'child_process';

export interface CliResult {
  /** Exit code, or undefined when the process could not start or was killed. */
  code: number | undefined;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Streams output as it arrives (for an output channel). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Kills the process after this long; it then reports code undefined. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function runCli(cliPath: string, args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: opts.signal,
    });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      opts.onOutput?.(d, 'stdout');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      opts.onOutput?.(d, 'stderr');
    });
    let done = false;
    const finish = (code: number | undefined, extraErr = '') => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr + extraErr });
    };
    child.on('error', (e) => finish(undefined, `\n${e.message}`));
    child.on('close', (code) => finish(code ?? undefined));
  });
}

/** True when `hyperstep <command> --help` lists `--flag`. */
export async function cliHasFlag(cliPath: string, command: string, flag: string): Promise<boolean> {
  const r = await runCli(cliPath, [command, '--help'], { timeoutMs: 10_000 });
  return r.code === 0 && new RegExp(`--${flag}\\b`).test(r.stdout);
}

/** True when the CLI knows `command` (it prints its usage, not "unknown command"). */
export async function cliHasCommand(cliPath: string, command: string): Promise<boolean> {
  const r = await runCli(cliPath, [command, '--help'], { timeoutMs: 10_000 });
  // The usage text, not the exit status alone: it is what says the command is known.
  return r.code === 0 && !/unknown command/.test(r.stderr + r.stdout);
}
