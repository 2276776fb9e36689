/** `hyperstep run`: run a program (assembly source or ELF) on the engine. */
import { readElf } from '../../engine/elf/read';
import type { Host } from '../../engine/host';
import { disassembleInsn } from '../../engine/isa/disasm';
import { bootFirmware } from '../../engine/machine/boot';
import { Machine, MAX_HARTS } from '../../engine/machine/machine';
import type { MachineKind, StopReason } from '../../engine/machine/types';
import { buildExecutable, formatProblem } from '../../engine/toolchain';
import { type FlagSpec, helpText, parseArgs, parseInteger, UsageError } from '../args';
import { EXIT, EXIT_HELP } from '../exit-codes';
import { includeReader, isElf, readBytes, writeBytes } from '../io';
import { BuiltinFirmware } from '../../engine/firmware/builtin';
import { AVAILABLE_MODES, DEFAULT_MODE, isMode, MODES } from '../../engine/modes';
import { attachTrace, hex, PRIV } from '../trace';

const FLAGS: FlagSpec[] = [
  { name: 'machine', kind: 'string', metavar: 'virt|spike', help: "Board to run on (default virt; spike when the ELF defines 'tohost')." },
  { name: 'max-insns', kind: 'string', metavar: 'N', help: 'Stop after N instructions (runaway guests); default: no limit.' },
  { name: 'trace', kind: 'string', optionalValue: true, metavar: 'traps|json|insn', help: 'Print trap events on stderr (json: one JSON object a line; insn: every instruction).' },
  { name: 'memory', short: 'm', kind: 'string', metavar: 'SIZE', help: 'RAM size as QEMU takes it (128M, 1G; a bare number is MiB). Default 128M.' },
  { name: 'icount-shift', kind: 'string', metavar: 'N', help: 'Virtual time: each instruction is 2^N ns, as QEMU -icount shift=N (default 0).' },
  { name: 'march', kind: 'string', metavar: 'ISA', help: 'ISA string when assembling a .s input (default as GNU as).' },
  { name: 'mode', kind: 'string', metavar: 'MODE', help: `Virtualization technique: ${MODES.join(', ')} (default emulate; available now: ${AVAILABLE_MODES.join(', ')}). 'native' runs PROGRAM as an S-mode kernel (linked at 0x80200000) behind the built-in SBI firmware.` },
  { name: 'smp', kind: 'string', metavar: 'N', help: `Number of harts, 1-${MAX_HARTS} (default 1); each starts at the reset vector with a0 = its hart id.` },
  { name: 'bios', kind: 'string', metavar: 'FILE|none', help: "Firmware (ELF or raw image at 0x80000000), e.g. OpenSBI's fw_jump.elf; 'none' (default) runs PROGRAM directly." },
  { name: 'kernel', kind: 'string', metavar: 'FILE', help: 'Payload the firmware starts (ELF, or raw image at the next 2 MiB boundary after the firmware: 0x80200000 for OpenSBI).' },
  { name: 'initrd', kind: 'string', metavar: 'FILE', help: 'Initial ramdisk, loaded at kernel + min(RAM/2, 128M); its range goes in /chosen.' },
  { name: 'append', kind: 'string', metavar: 'ARGS', help: 'Kernel command line (/chosen/bootargs of the device tree).' },
  { name: 'dtb', kind: 'string', metavar: 'FILE', help: 'Device tree blob to pass instead of the generated one (/chosen is still updated).' },
  { name: 'dump-dtb', kind: 'string', metavar: 'FILE', help: 'Write the device tree the guest would get to FILE and exit (QEMU: -machine dumpdtb=FILE).' },
];

/** Where firmware (OpenSBI's fw_jump, the built-in firmware) starts an S-mode payload. */
const KERNEL_ADDRESS = 0x8020_0000n;

export const RUN_HELP = helpText(
  'hyperstep run [options] PROGRAM.s|PROGRAM.elf\n       hyperstep run [options] --bios FIRMWARE [--kernel FILE] [--initrd FILE] [--append ARGS] [--dtb FILE]',
  "Runs a bare-metal RV64 program on the engine's QEMU-compatible machine, or boots firmware\n(e.g. OpenSBI, then U-Boot or a kernel) as QEMU's virt machine does. The guest's UART\n(or HTIF console) goes to stdout, stdin goes to its UART, and its exit code becomes\nthe process exit code.",
  FLAGS,
  EXIT_HELP,
);

/** QEMU's -m syntax: a number with an optional K/M/G suffix (no suffix = MiB). */
export function parseMemory(text: string): number {
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(text.trim());
  if (!m) throw new UsageError(`-m: '${text}' is not a size (e.g. 128M, 1G)`);
  const n = Number(m[1]);
  const unit = m[2].toUpperCase();
  const bytes = unit === 'K' ? n * 1024 : unit === 'G' ? n * 1024 ** 3 : n * 1024 ** 2;
  if (bytes < 4096 || bytes % 4096 !== 0 || bytes > 2 * 1024 ** 3) throw new UsageError(`-m: ${text} must be a multiple of 4 KiB between 4 KiB and 2 GiB`);
  return bytes;
}



export interface RunIo {
  out: (bytes: Uint8Array) => void;
  err: (s: string) => void;
  /** Console input: resolves with bytes, or undefined at end of input. */
  input?: () => Promise<Uint8Array | undefined>;
}

export async function runCommand(argv: string[], io: RunIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, FLAGS);
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const smpText = str('smp');
  const harts = smpText === undefined ? 1 : Number(parseInteger(smpText, '--smp'));
  if (!Number.isInteger(harts) || harts < 1 || harts > MAX_HARTS) throw new UsageError(`--smp: ${smpText} is not between 1 and ${MAX_HARTS}`);
  const modeText = str('mode') ?? DEFAULT_MODE;
  if (!isMode(modeText)) throw new UsageError(`--mode: unknown mode '${modeText}' (${MODES.join(', ')})`);
  if (!AVAILABLE_MODES.includes(modeText)) throw new UsageError(`--mode: '${modeText}' is not available yet (available: ${AVAILABLE_MODES.join(', ')})`);
  const native = modeText === 'native';
  const bios = str('bios');
  const firmware = bios !== undefined && bios !== 'none';
  if (native && firmware) throw new UsageError('--mode native brings its own firmware: drop --bios');
  const kernelFile = str('kernel');
  if (firmware) {
    if (positional.length !== 0) throw new UsageError(`with --bios, pass the payload as --kernel, not as '${positional[0]}'`);
  } else {
    if (kernelFile !== undefined && positional.length === 0) positional.push(kernelFile);
    else if (kernelFile !== undefined) throw new UsageError('give the program either as PROGRAM or as --kernel, not both');
    if (positional.length !== 1) throw new UsageError('expected one program (.s source or ELF), or --bios FIRMWARE');
    for (const f of ['initrd', 'append', 'dtb']) if (str(f) !== undefined) throw new UsageError(`--${f} needs --bios (firmware boot)`);
  }
  const file = firmware ? bios : positional[0];
  let elf: Uint8Array | undefined;
  if (!firmware) {
    const bytes = readBytes(file);
    if (isElf(bytes)) elf = bytes;
    else {
      const r = buildExecutable([{ file, text: Buffer.from(bytes).toString('utf8') }], {
        march: flags.get('march') as string | undefined,
        readFile: includeReader,
        // A native-mode kernel is an SBI payload: it lives where firmware jumps.
        textAddress: native ? KERNEL_ADDRESS : undefined,
      });
      for (const p of r.problems) io.err(formatProblem(p));
      if (!r.ok) return EXIT.usage;
      elf = r.elf;
    }
  }
  let kind = flags.get('machine') as string | undefined;
  if (kind !== undefined && kind !== 'virt' && kind !== 'spike') throw new UsageError(`--machine: unknown machine '${kind}' (virt or spike)`);
  if (firmware && kind === 'spike') throw new UsageError('--bios: firmware boot is supported on the virt machine only');
  if (kind === undefined) {
    const parsed = elf ? readElf(elf) : undefined;
    if (parsed?.ok && parsed.elf.symbols.some((s) => s.name === 'tohost' && s.shndx !== 0)) {
      kind = 'spike';
      io.err("hyperstep: the ELF defines 'tohost': running on the spike machine (HTIF); use --machine virt to override");
    } else kind = 'virt';
  }
  const maxText = flags.get('max-insns');
  const maxInsns = typeof maxText === 'string' ? Number(parseInteger(maxText, '--max-insns')) : Infinity;
  const memText = flags.get('memory');
  const shiftText = flags.get('icount-shift');
  const icountShift = typeof shiftText === 'string' ? Number(parseInteger(shiftText, '--icount-shift')) : 0;
  if (icountShift > 10) throw new UsageError('--icount-shift: at most 10');
  const trace = flags.get('trace');
  const traceMode = trace === undefined ? undefined : trace === true ? 'traps' : trace;
  if (traceMode !== undefined && traceMode !== 'traps' && traceMode !== 'json' && traceMode !== 'insn') throw new UsageError(`--trace: unknown mode '${traceMode}' (traps, json or insn)`);

  const host: Host = { consoleWrite: (b) => io.out(b) };
  const m = new Machine({ kind: kind as MachineKind, host, ramBytes: typeof memText === 'string' ? parseMemory(memText) : undefined, icountShift, harts });
  if (firmware) {
    const opt = (name: string) => {
      const f = str(name);
      return f === undefined ? undefined : readBytes(f);
    };
    const booted = bootFirmware(m, { bios: readBytes(bios), kernel: opt('kernel'), initrd: opt('initrd'), dtb: opt('dtb'), append: str('append') });
    if (!booted.ok) {
      io.err(`hyperstep: ${booted.error}`);
      return EXIT.usage;
    }
  } else {
    const loaded = m.loadElf(elf!);
    if (!loaded.ok) {
      io.err(`hyperstep: ${file}: ${loaded.error}`);
      return EXIT.usage;
    }
    if (native) {
      if (kind !== 'virt') throw new UsageError('--mode native runs on the virt machine');
      new BuiltinFirmware(m).boot(Number(loaded.entry), m.fdtBase);
    }
  }
  const dump = str('dump-dtb');
  if (dump !== undefined) {
    if (kind !== 'virt') throw new UsageError('--dump-dtb: only the virt machine has a device tree');
    const total = new DataView(m.bus.ram.buffer, m.fdtBase - m.bus.ramBase, 8).getUint32(4);
    writeBytes(dump, m.bus.ram.slice(m.fdtBase - m.bus.ramBase, m.fdtBase - m.bus.ramBase + total));
    return 0;
  }
  if (traceMode) attachTrace(m, traceMode, io.err);

  let stop: StopReason;
  // Console input is pumped into the UART as it arrives, whether the guest
  // polls the line status register or sleeps in wfi until a byte comes.
  let inputDone = io.input === undefined;
  let pendingInput: Promise<void> | undefined;
  const pump = (): void => {
    if (inputDone || pendingInput) return;
    pendingInput = io.input!().then((data) => {
      pendingInput = undefined;
      if (data === undefined) inputDone = true;
      else {
        m.input(data);
        pump();
      }
    });
  };
  pump();
  const single = traceMode === 'insn';
  for (;;) {
    const budget = Math.min(maxInsns - m.instret, single ? 1 : 1 << 22);
    if (budget <= 0) {
      stop = { kind: 'limit' };
      break;
    }
    if (single) {
      const h = m.hart;
      const pc = h.pc;
      const word = m.bus.inRam(pc, 4) ? m.bus.ram32[(pc - m.bus.ramBase) >> 2] >>> 0 : 0;
      io.err(`${hex(pc)} [${PRIV[h.priv]}] ${disassembleInsn(word, BigInt(pc), { aliases: true })}`);
    }
    stop = m.run(budget);
    if (stop.kind === 'limit') {
      if (m.instret >= maxInsns) break;
      // Let stdin deliver input between slices.
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (stop.kind === 'halt' && stop.waitingForInput) {
      if (inputDone || !pendingInput) break;
      await pendingInput;
      continue;
    }
    break;
  }
  switch (stop.kind) {
    case 'exit':
      return stop.code & 0xff;
    case 'limit':
      io.err(`hyperstep: stopped after ${m.instret} instructions (--max-insns ${maxText}) at pc ${hex(m.hart.pc)}; the guest did not exit`);
      return EXIT.limit;
    case 'halt':
      io.err(`hyperstep: the guest halted at pc ${hex(m.hart.pc)}: ${stop.message}`);
      return EXIT.halted;
    default:
      io.err(`hyperstep: stopped: ${stop.kind}`);
      return EXIT.internal;
  }
}
