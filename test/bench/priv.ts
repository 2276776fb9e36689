/**
 * Privileged-architecture costs on the engine:
 *
 *   trap   an ecall -> M-mode handler (mepc += 4) -> mret round trip, in host
 *          ns and as a multiple of one plain instruction (the same loop with
 *          a nop in place of the ecall gives both the loop's cost and the
 *          per-instruction cost)
 *   sv39   S-mode loads through Sv39 translation (4 KiB pages over 1 MiB)
 *          against the same loads with satp = Bare
 *
 * Each guest loops a fixed count and exits through the test finisher; times
 * are the best of three runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import { runStatus, tempDir, toolPath } from '../support/tools';

export interface PrivMeasurement {
  subject: string;
  seconds?: number;
  guestInsns?: number;
  note?: string;
}

const EXIT = `
        li t0, 0x100000
        li t1, 0x5555
        sw t1, 0(t0)
1:      j 1b
`;

const TRAP_LOOPS = 300_000;

/** M-mode loop: \`body\` is either "ecall" or "nop". */
function trapGuest(body: string): string {
  return `
        .globl _start
_start:
        la t0, handler
        csrw mtvec, t0
        li s0, ${TRAP_LOOPS}
loop:   ${body}
        addi s0, s0, -1
        bnez s0, loop
${EXIT}
        .balign 4
handler:
        csrr t0, mepc
        addi t0, t0, 4
        csrw mepc, t0
        mret
`;
}

const LOAD_PASSES = 40;

/** S-mode loads over 1 MiB (256 pages, one load per 64 bytes), with satp
 * Sv39 (identity gigapages) or Bare. */
function loadGuest(paged: boolean): string {
  return `
        .globl _start
_start:
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        la t0, root
        # gigapage 0 (devices) and 2 (RAM), identity, RWX, A/D set
        li t1, 0xcf
        sd t1, 0(t0)
        li t1, (0x80000000 >> 12 << 10) | 0xcf
        sd t1, 16(t0)
        ${paged ? 'la t0, root\n        srli t0, t0, 12\n        li t1, 8 << 60\n        or t0, t0, t1\n        csrw satp, t0\n        sfence.vma' : ''}
        li t0, 3 << 11
        csrc mstatus, t0
        li t0, 1 << 11
        csrs mstatus, t0
        la t0, smode
        csrw mepc, t0
        mret
smode:  li s0, ${LOAD_PASSES}
        li s2, 0x80200000
2:      mv s1, s2
        li s3, 0x80300000
3:      ld t0, 0(s1)
        ld t1, 64(s1)
        ld t2, 128(s1)
        ld t3, 192(s1)
        addi s1, s1, 256
        bltu s1, s3, 3b
        addi s0, s0, -1
        bnez s0, 2b
${EXIT}
        .balign 4096
root:   .skip 4096
`;
}

function build(source: string, dir: string, name: string): Uint8Array {
  const s = path.join(dir, `${name}.s`);
  fs.writeFileSync(s, source);
  const as = runStatus('riscv64-unknown-elf-as', ['-march=rv64gc', '-o', path.join(dir, `${name}.o`), s]);
  if (as.status !== 0) throw new Error(`assembling ${name} failed:\n${as.stderr}`);
  const ld = runStatus('riscv64-unknown-elf-ld', ['-Ttext', '0x80000000', '-o', path.join(dir, `${name}.elf`), path.join(dir, `${name}.o`)]);
  if (ld.status !== 0) throw new Error(`linking ${name} failed:\n${ld.stderr}`);
  return new Uint8Array(fs.readFileSync(path.join(dir, `${name}.elf`)));
}

/** Best of three engine runs: seconds and retired instructions. */
function engineRun(elf: Uint8Array): { seconds: number; insns: number } {
  let best = Infinity;
  let insns = 0;
  for (let i = 0; i < 3; i++) {
    const m = new Machine({ kind: 'virt', host: new BufferHost() });
    const loaded = m.loadElf(elf);
    if (!loaded.ok) throw new Error(loaded.error);
    const t0 = process.hrtime.bigint();
    const stop = m.run(500_000_000);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (stop.kind !== 'exit' || stop.code !== 0) throw new Error(`guest did not exit cleanly: ${JSON.stringify(stop)}`);
    best = Math.min(best, s);
    insns = m.instret;
  }
  return { seconds: best, insns };
}

export function runPrivBenchmark(): PrivMeasurement[] {
  const missing = ['riscv64-unknown-elf-as', 'riscv64-unknown-elf-ld'].filter((t) => !toolPath(t));
  if (missing.length > 0) return [{ subject: 'all', note: `skipped: ${missing.join(', ')} not installed` }];
  const dir = tempDir('bench-priv');
  try {
    const trap = engineRun(build(trapGuest('ecall'), dir, 'trap'));
    const plain = engineRun(build(trapGuest('nop'), dir, 'plain'));
    const nsPerInsn = (plain.seconds * 1e9) / plain.insns;
    // the ecall loop retires the handler's 4 instructions per iteration and
    // not the ecall itself; the cost of one round trip is the time the trap
    // loop takes beyond the plain loop, per iteration
    const tripNs = ((trap.seconds - plain.seconds) * 1e9) / TRAP_LOOPS;
    const bare = engineRun(build(loadGuest(false), dir, 'bare'));
    const sv39 = engineRun(build(loadGuest(true), dir, 'sv39'));
    return [
      { subject: 'engine: nop loop', seconds: plain.seconds, guestInsns: plain.insns, note: `${nsPerInsn.toFixed(2)} ns per instruction` },
      { subject: 'engine: ecall/mret loop', seconds: trap.seconds, guestInsns: trap.insns, note: `round trip ${tripNs.toFixed(1)} ns = ${(tripNs / nsPerInsn).toFixed(1)} plain instructions` },
      { subject: 'engine: S loads, bare', seconds: bare.seconds, guestInsns: bare.insns },
      { subject: 'engine: S loads, Sv39', seconds: sv39.seconds, guestInsns: sv39.insns, note: `${(sv39.seconds / bare.seconds).toFixed(2)}x the bare time (QEMU not measured)` },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
