/** `hyperstep asm`: assemble (and link) RISC-V assembly like GNU as + ld. */
import { buildExecutable, buildObject, formatProblem } from '../../engine/toolchain';
import { type FlagSpec, helpText, parseArgs, parseInteger, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { includeReader, readSource, writeBytes } from '../io';

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string', metavar: 'FILE', help: 'Output file (default a.out, or IN.o with -c).' },
  { name: 'c', kind: 'boolean', help: 'Produce a relocatable object (link it with GNU ld or hyperstep).' },
  { name: 'Ttext', kind: 'string', metavar: 'ADDR', help: 'Address of .text, as ld -Ttext (default 0x80000000).' },
  { name: 'march', kind: 'string', metavar: 'ISA', help: 'ISA string, as GNU as -march (default rv64imafd_zicsr_zifencei; e.g. rv64gc).' },
  { name: 'entry', short: 'e', kind: 'string', metavar: 'SYMBOL', help: 'Entry symbol (default _start, else the start of .text).' },
];

export const ASM_HELP = helpText(
  'hyperstep asm [options] FILE.s [FILE.s...]',
  'Assembles GNU-as syntax RISC-V assembly and links it into a static ELF64 executable\n(laid out as GNU ld lays out the same input), or with -c into a relocatable object.',
  FLAGS,
);

export function asmCommand(argv: string[], err: (s: string) => void): number {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length === 0) throw new UsageError('no input files');
  const march = flags.get('march') as string | undefined;
  const sources = positional.map(readSource);
  if (flags.has('c')) {
    if (sources.length !== 1 && flags.has('output')) throw new UsageError('-c with -o takes one input file');
    let failed = false;
    for (const s of sources) {
      const r = buildObject(s, { march, readFile: includeReader });
      for (const p of r.problems) err(formatProblem(p));
      if (!r.ok) {
        failed = true;
        continue;
      }
      const out = (flags.get('output') as string | undefined) ?? s.file.replace(/\.[sS]$|$/, '.o');
      writeBytes(out, r.bytes);
    }
    return failed ? EXIT.usage : 0;
  }
  const ttext = flags.get('Ttext');
  const r = buildExecutable(sources, {
    march,
    readFile: includeReader,
    textAddress: typeof ttext === 'string' ? parseInteger(ttext, '-Ttext') : undefined,
    entry: flags.get('entry') as string | undefined,
  });
  for (const p of r.problems) err(formatProblem(p));
  if (!r.ok) return EXIT.usage;
  writeBytes((flags.get('output') as string | undefined) ?? 'a.out', r.elf, true);
  return 0;
}
