/**
 * A small command-line parser: flags are declared with their kind, so every
 * command rejects unknown flags and missing values the same way, and `--help`
 * text is generated from the same declarations.
 */
export interface FlagSpec {
  /** Long name without dashes (`max-insns`); `short` for a one-letter alias. */
  name: string;
  short?: string;
  kind: 'boolean' | 'string';
  /** For a string flag that may also appear bare (`--trace` vs `--trace=json`). */
  optionalValue?: boolean;
  /** Flags written GNU-style with the value glued on, e.g. `-Ttext 0x…` or `-march=rv64gc`. */
  help: string;
  metavar?: string;
}

export interface Parsed {
  flags: Map<string, string | true>;
  positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], specs: FlagSpec[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option '${a}'`);
      if (eq >= 0) value = a.slice(eq + 1);
    } else if (a.startsWith('-') && a.length > 1) {
      // GNU-style single-dash long options (-march=, -Ttext) and short letters.
      const eq = a.indexOf('=');
      const word = eq < 0 ? a.slice(1) : a.slice(1, eq);
      spec = byLong.get(word) ?? byShort.get(word);
      if (spec) {
        if (eq >= 0) value = a.slice(eq + 1);
      } else {
        // A one-letter option with its value glued on, as objdump's -Mno-aliases or -ofile.
        const glued = byShort.get(a[1]);
        if (!glued || glued.kind !== 'string') throw new UsageError(`unknown option '${a}'`);
        spec = glued;
        value = a.slice(2);
      }
    } else {
      positional.push(a);
      continue;
    }
    if (spec.kind === 'boolean') {
      if (value !== undefined) throw new UsageError(`option '--${spec.name}' takes no value`);
      flags.set(spec.name, true);
      continue;
    }
    if (value === undefined) {
      if (spec.optionalValue) {
        flags.set(spec.name, true);
        continue;
      }
      if (i + 1 >= argv.length) throw new UsageError(`option '--${spec.name}' needs a value (${spec.metavar ?? 'VALUE'})`);
      value = argv[++i];
    }
    flags.set(spec.name, value);
  }
  return { flags, positional };
}

export function helpText(usage: string, description: string, specs: FlagSpec[], footer = ''): string {
  const rows = specs.map((s) => {
    const names = [s.short ? `-${s.short}` : '', `--${s.name}${s.kind === 'string' ? (s.optionalValue ? `[=${s.metavar ?? 'VALUE'}]` : ` ${s.metavar ?? 'VALUE'}`) : ''}`]
      .filter(Boolean)
      .join(', ');
    return [names, s.help] as const;
  });
  const width = Math.max(...rows.map((r) => r[0].length), 10);
  const lines = rows.map(([n, h]) => `  ${n.padEnd(width)}  ${h}`);
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${lines.join('\n')}\n  ${'-h, --help'.padEnd(width)}  Show this help.\n${footer ? `\n${footer}\n` : ''}`;
}

/** Parses an integer as C and GNU tools do: 0x… hex, 0… octal is not used, decimal otherwise. */
export function parseInteger(text: string, what: string): bigint {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$/.test(t)) throw new UsageError(`${what}: '${text}' is not a number`);
  return BigInt(t);
}
