/** `hyperstep disasm`: an objdump -d style listing of an ELF file. */
import { listElf } from '../../engine/listing/objdump';
import { type FlagSpec, helpText, parseArgs, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { readBytes } from '../io';

const FLAGS: FlagSpec[] = [
  { name: 'no-aliases', short: 'M', kind: 'string', optionalValue: true, metavar: 'no-aliases', help: 'Print real instructions, not pseudo-instructions (objdump -M no-aliases).' },
];

export const DISASM_HELP = helpText('hyperstep disasm [options] FILE.elf', 'Disassembles the executable sections of an ELF file in objdump -d format.', FLAGS);

export function disasmCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length !== 1) throw new UsageError('expected one ELF file');
  const m = flags.get('no-aliases');
  if (typeof m === 'string' && m !== 'no-aliases') throw new UsageError(`unknown disassembler option '${m}' (only no-aliases)`);
  const r = listElf(readBytes(positional[0]), { aliases: !flags.has('no-aliases'), fileName: positional[0] });
  if (!r.ok) {
    err(`hyperstep: ${positional[0]}: ${r.error}`);
    return EXIT.usage;
  }
  out(r.text);
  return 0;
}
