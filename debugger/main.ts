/**
 * Entry point of the Hyperstep debug adapter (bundled to dist/debugger.js):
 * speaks the Debug Adapter Protocol on stdin/stdout. `hyperstep debug` runs
 * the same adapter from the CLI.
 */
import { HyperstepSession } from './session';

export function runDebugAdapter(): void {
  const session = new HyperstepSession();
  // stdout carries the protocol: stray console.log output would corrupt it.
  console.log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
  process.on('SIGTERM', () => process.exit(0));
  // A bug in one request must not take the session down: log it, keep serving.
  process.on('unhandledRejection', (e) => process.stderr.write(`hyperstep debug adapter: ${(e as Error)?.stack ?? String(e)}\n`));
  session.start(process.stdin, process.stdout);
}

/** Set by scripts/bundle.mjs to the bundle's own entry; undefined when run from tsc's output. */
declare const HYPERSTEP_ENTRY: string | undefined;
if (typeof HYPERSTEP_ENTRY === 'undefined' ? require.main === module : HYPERSTEP_ENTRY === 'debugger') runDebugAdapter();
