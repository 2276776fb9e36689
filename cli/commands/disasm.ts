/** `hyperstep disasm`: an objdump -d style listing of an ELF file. */
import { listElf } from '../../engine/listing/objdump';
import { type FlagSpec, helpText, parseArgs, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { readBytes } from '../io';

const FLAGS: FlagSpec[] = [
  { name: 'disassembler-options', short: 'M', kind: 'string', metavar: 'OPT', help: "objdump's -M: 'no-aliases' prints real instructions, not pseudo-instructions." },
  { name: 'no-aliases', kind: 'boolean', help: 'Same as -M no-aliases.' },
];

export const DISASM_HELP = helpText('hyperstep disasm [options] FILE.elf', 'Disassembles the executable sections of an ELF file in objdump -d format.', FLAGS);

export function disasmCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length !== 1) throw new UsageError('expected one ELF file');
  // objdump takes a comma-separated list (-M no-aliases,numeric); only no-aliases is supported.
  const options = ((flags.get('disassembler-options') as string | undefined) ?? '').split(',').filter(Boolean);
  for (const o of options) if (o !== 'no-aliases') throw new UsageError(`unknown disassembler option '${o}' (only no-aliases)`);
  const aliases = !flags.has('no-aliases') && !options.includes('no-aliases');
  const r = listElf(readBytes(positional[0]), { aliases, fileName: positional[0] });
  if (!r.ok) {
    err(`hyperstep: ${positional[0]}: ${r.error}`);
    return EXIT.usage;
  }
  out(r.text);
  return 0;
}
