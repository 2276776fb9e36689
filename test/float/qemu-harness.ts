/**
 * Builds one bare-metal RV64 program that runs many F/D instructions on
 * tabled operands under QEMU and prints, per case, the destination register
 * and fflags as hex over the virt machine's NS16550 UART; then runs the same
 * cases through FP_OPS in-process so the test can compare them.
 *
 * Register convention in the generated code (and for the in-process model):
 * FP sources f1,f2,f3 and FP destination f4; integer source a0 (x10) and
 * integer destination a3 (x13).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { run } from '../support/tools';

export const MODES = ['rne', 'rtz', 'rdn', 'rup', 'rmm'] as const;

export interface Block {
  op: string; // mnemonic
  mode: string | null; // static rm text, 'dyn', or null for ops without an rm field
  frm: number; // resolved rounding mode the model receives
  src: ('f' | 'x')[];
  dst: 'f' | 'x';
  cases: [bigint, bigint, bigint][];
}

const F_SRC = [1, 2, 3];
const X_SRC = 10;
const F_DST = 4;
const X_DST = 13;

function hex64(v: bigint): string {
  return '0x' + v.toString(16).padStart(16, '0');
}

function blockAsm(b: Block, k: number): string {
  const srcNames = b.src.map((s, i) => (s === 'f' ? `f${F_SRC[i]}` : 'a0'));
  const operands = [b.dst === 'f' ? `f${F_DST}` : 'a3', ...srcNames];
  if (b.mode !== null && b.mode !== 'dyn') operands.push(b.mode);
  const lines = [
    `  # block ${k}: ${b.op} ${b.mode ?? ''}`,
    `  la s0, tbl_${k}`,
    `  li s1, ${b.cases.length}`,
  ];
  if (b.mode === 'dyn') lines.push(`  li t0, ${b.frm}`, `  fsrm t0`);
  lines.push(
    `1:`,
    `  ld a0, 0(s0)`,
    `  ld a1, 8(s0)`,
    `  ld a2, 16(s0)`,
    `  fmv.d.x f1, a0`,
    `  fmv.d.x f2, a1`,
    `  fmv.d.x f3, a2`,
    `  fsflags zero`,
    `  ${b.op} ${operands.join(', ')}`,
    `  frflags a4`,
  );
  if (b.dst === 'f') lines.push(`  fmv.x.d a3, f${F_DST}`);
  lines.push(`  call emit`, `  addi s0, s0, 24`, `  addi s1, s1, -1`, `  bnez s1, 1b`);
  return lines.join('\n');
}

export function programAsm(blocks: Block[]): string {
  const text = blocks.map(blockAsm).join('\n');
  const data = blocks
    .map((b, k) => `tbl_${k}:\n` + b.cases.map((c) => `  .dword ${c.map(hex64).join(', ')}`).join('\n'))
    .join('\n');
  return `
  .option norvc
  .text
  .globl _start
_start:
  li t0, 0x6000
  csrs mstatus, t0        # FS = dirty: enable the FPU
${text}
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)            # SiFive test finisher: pass
2: j 2b

# Prints a3 as 16 hex digits, a space, a4 as 2 hex digits, a newline.
emit:
  li t0, 0x10000000
  li t1, 60
3: srl t2, a3, t1
  andi t2, t2, 15
  addi t2, t2, 48
  li t3, 58
  blt t2, t3, 4f
  addi t2, t2, 39
4: sb t2, 0(t0)
  addi t1, t1, -4
  bgez t1, 3b
  li t2, 32
  sb t2, 0(t0)
  li t1, 4
5: srl t2, a4, t1
  andi t2, t2, 15
  addi t2, t2, 48
  li t3, 58
  blt t2, t3, 6f
  addi t2, t2, 39
6: sb t2, 0(t0)
  addi t1, t1, -4
  bgez t1, 5b
  li t2, 10
  sb t2, 0(t0)
  ret

  .data
  .balign 8
${data}
`;
}

export interface QemuResult {
  value: bigint;
  flags: number;
}

/** Assembles, links and runs the program; returns one result per case, in order. */
export function runOnQemu(blocks: Block[], dir: string): QemuResult[] {
  const asmPath = path.join(dir, 'fp.s');
  fs.writeFileSync(asmPath, programAsm(blocks));
  const obj = path.join(dir, 'fp.o');
  const elf = path.join(dir, 'fp.elf');
  run('riscv64-unknown-elf-as', ['-march=rv64gc', '-mno-relax', asmPath, '-o', obj]);
  run('riscv64-unknown-elf-ld', ['-Ttext=0x80000000', obj, '-o', elf]);
  // The UART goes to a file: into a pipe, QEMU drops bytes whenever the pipe
  // is full, because the guest writes THR without polling LSR.
  const outPath = path.join(dir, 'uart.txt');
  const r = spawnSync(
    'qemu-system-riscv64',
    ['-machine', 'virt', '-bios', 'none', '-nographic', '-monitor', 'none', '-serial', `file:${outPath}`, '-kernel', elf],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'latin1', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`qemu exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').slice(0, 2000)}`);
  const out: QemuResult[] = [];
  for (const line of fs.readFileSync(outPath, 'latin1').split('\n')) {
    const m = /^([0-9a-f]{16}) ([0-9a-f]{2})\r?$/.exec(line);
    if (m) out.push({ value: BigInt('0x' + m[1]), flags: parseInt(m[2], 16) });
  }
  return out;
}

/** Runs one case through an FpOp with the same register layout QEMU used. */
export function runModel(
  fn: (x: Int32Array, f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number) => number,
  b: Block,
  c: [bigint, bigint, bigint],
): QemuResult {
  const x = new Int32Array(66);
  const f = new Int32Array(64);
  const put = (arr: Int32Array, i: number, v: bigint) => {
    arr[2 * i] = Number(v & 0xffffffffn) | 0;
    arr[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  };
  // Same operand registers as the program: f1..f3 and a0 hold the case's values.
  for (let i = 0; i < 3; i++) put(f, F_SRC[i], c[i]);
  put(x, X_SRC, c[0]);
  const isX = b.src[0] === 'x';
  const flags = fn(x, f, b.dst === 'f' ? F_DST : X_DST, isX ? X_SRC : F_SRC[0], F_SRC[1], F_SRC[2], b.frm);
  const arr = b.dst === 'f' ? f : x;
  const i = b.dst === 'f' ? F_DST : X_DST;
  const value = (BigInt(arr[2 * i + 1] >>> 0) << 32n) | BigInt(arr[2 * i] >>> 0);
  return { value, flags };
}
