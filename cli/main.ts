/**
 * The `hyperstep` command: a thin dispatcher over the engine (and, as they
 * land, the language server and debug adapter).
 */
import { UsageError } from './args';
import { ASM_HELP, asmCommand } from './commands/asm';
import { DISASM_HELP, disasmCommand } from './commands/disasm';
import { RUN_HELP, runCommand } from './commands/run';
import { EXIT, EXIT_HELP } from './exit-codes';
import { runDebugAdapter } from '../debugger/main';

const USAGE = `Usage: hyperstep <command> [options]

Commands:
  asm      assemble (and link) RISC-V assembly into an ELF executable or object
  run      run a program (.s or ELF) on the engine's QEMU-compatible machine
  disasm   disassemble an ELF file (objdump -d format)
  debug    serve the debug adapter (Debug Adapter Protocol on stdin/stdout)
  lsp      run the RISC-V assembly language server (lsp --stdio)

'hyperstep <command> --help' describes each command.

${EXIT_HELP}
`;

const DEBUG_HELP = `Usage: hyperstep debug

Serves the Hyperstep debug adapter on stdin/stdout (what VS Code's debug
configuration of type "hyperstep" starts); the launch request names the program.
`;

const HELP: Record<string, string> = { asm: ASM_HELP, run: RUN_HELP, disasm: DISASM_HELP, debug: DEBUG_HELP, dap: DEBUG_HELP };

function stdinReader(): () => Promise<Uint8Array | undefined> {
  const queue: (Uint8Array | undefined)[] = [];
  let waiter: ((v: Uint8Array | undefined) => void) | undefined;
  let started = false;
  const push = (v: Uint8Array | undefined) => {
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(v);
    } else queue.push(v);
  };
  return () => {
    if (!started) {
      started = true;
      process.stdin.on('data', (d: Buffer) => push(new Uint8Array(d)));
      process.stdin.on('end', () => push(undefined));
      process.stdin.on('error', () => push(undefined));
    }
    if (queue.length) return Promise.resolve(queue.shift());
    return new Promise((r) => (waiter = r));
  };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  // the language server takes over stdio until the editor disconnects
  if (command === 'lsp') return new Promise<number>(() => (require('../server/main') as typeof import('../server/main')).runServer());
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : 0;
  }
  if (!(command in HELP)) {
    err(`hyperstep: unknown command '${command}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  try {
    switch (command) {
      case 'asm':
        return asmCommand(rest, err);
      case 'disasm':
        return disasmCommand(rest, (s) => process.stdout.write(s), err);
      case 'debug':
      case 'dap':
        // The adapter owns stdin/stdout until the client disconnects (it exits the process then).
        runDebugAdapter();
        return await new Promise<number>(() => {});
      case 'run':
        return await runCommand(rest, { out: (b) => process.stdout.write(b), err, input: stdinReader() });
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`hyperstep ${command}: ${e.message}\n(see 'hyperstep ${command} --help')`);
      return EXIT.usage;
    }
    err(`hyperstep: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
  return EXIT.internal;
}

/** Runs the command line of this process (bin/hyperstep.js calls this). */
export function cliEntry(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // stdin may hold the event loop open; the run is over.
      process.stdin.destroy();
    },
    (e) => {
      process.stderr.write(`hyperstep: internal error: ${String(e)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}

/** Set by scripts/bundle.mjs to the bundle's own entry; undefined when run from tsc's output. */
declare const HYPERSTEP_ENTRY: string | undefined;
if (typeof HYPERSTEP_ENTRY === 'undefined' ? require.main === module : HYPERSTEP_ENTRY === 'cli') cliEntry();
