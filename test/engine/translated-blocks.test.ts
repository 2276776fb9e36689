/**
 * Translated blocks under Sv39: S-mode code running at a high virtual alias
 * of RAM must compute exactly what the interpreter computes (and what QEMU
 * computes), including pc-relative values (auipc/jal) that depend on the
 * virtual address, not the physical one.
 */
import { strict as assert } from 'assert';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import { buildExecutable } from '../../engine/toolchain';
import { toolPath, runStatus, tempDir } from '../support/tools';
import * as fs from 'fs';
import * as path from 'path';

const SOURCE = `
  .equ VBASE, 0xffffffc000000000   # gigapage alias of 0x80000000 (Sv39 VPN[2] = 256)
  .globl _start
_start:
  la    t0, m_trap
  csrw  mtvec, t0
  # QEMU denies S/U accesses when no PMP entry is configured: open everything.
  li    t0, -1
  csrw  pmpaddr0, t0
  li    t0, 0x1f                    # NAPOT, R W X
  csrw  pmpcfg0, t0
  # root table: entry 2 identity-maps 0x80000000 (so the switch itself keeps running), entry 256 aliases it high
  la    t0, root
  li    t1, (0x80000000 >> 12) << 10 | 0xcf     # V R W X A D
  sd    t1, 16(t0)
  li    t2, 2048
  add   t2, t0, t2
  sd    t1, 0(t2)
  srli  t0, t0, 12
  li    t1, 8 << 60
  or    t0, t0, t1
  csrw  satp, t0
  sfence.vma
  # enter S-mode at the high alias of s_main
  la    t0, s_main
  li    t1, 0x80000000
  sub   t0, t0, t1
  li    t1, VBASE
  add   t0, t0, t1
  csrw  mepc, t0
  li    t0, 1 << 11                 # MPP = S
  csrs  mstatus, t0
  mret

s_main:
  auipc s3, 0                       # a virtual pc: must read the alias
  li    s1, 0
  li    s2, 0
  li    s4, 20000
1:
  addi  s1, s1, 1
  mul   t0, s1, s1
  xor   s2, s2, t0
  add   s2, s2, s1
  bne   s1, s4, 1b
  jal   ra, 2f
2:
  ecall                              # to M with the results in s2, s3, ra

m_trap:
  # print s2, s3 and the ra saved at the ecall as hex lines, then exit
  mv    s5, ra
  mv    a0, s2
  call  put_hex
  mv    a0, s3
  call  put_hex
  mv    a0, s5
  call  put_hex
  li    t0, 0x100000
  li    t1, 0x5555
  sw    t1, 0(t0)
3: j 3b

put_hex:
  li    t1, 0x10000000
  li    t2, 60
4:
  srl   t3, a0, t2
  andi  t3, t3, 15
  addi  t3, t3, 48
  li    t4, 58
  blt   t3, t4, 5f
  addi  t3, t3, 39
5:
  sb    t3, 0(t1)
  addi  t2, t2, -4
  bgez  t2, 4b
  li    t3, 10
  sb    t3, 0(t1)
  ret

  .section .bss
  .balign 4096
root: .space 4096
`;

function runEngine(elf: Uint8Array, translate: boolean): string {
  const host = new BufferHost();
  const m = new Machine({ kind: 'virt', host });
  assert.ok(m.loadElf(elf).ok);
  m.hart.translate = translate;
  const stop = m.run(5e6);
  assert.deepEqual(stop, { kind: 'exit', code: 0 });
  return host.output;
}

describe('translated blocks under Sv39', () => {
  const built = buildExecutable([{ file: 'sv39.s', text: SOURCE }], { march: 'rv64gc' });

  it('match the interpreter', () => {
    assert.ok(built.ok, built.ok ? '' : built.problems.map((p) => p.message).join('\n'));
    if (!built.ok) return;
    const jit = runEngine(built.elf, true);
    const interp = runEngine(built.elf, false);
    assert.equal(jit, interp);
    const lines = jit.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[1].startsWith('ffffffc0'), `auipc saw the virtual alias: ${lines[1]}`);
    assert.ok(lines[2].startsWith('ffffffc0'), `jal linked the virtual alias: ${lines[2]}`);
  });

  it('match QEMU', function () {
    const qemu = toolPath('qemu-system-riscv64');
    if (!qemu) {
      if (process.env.CI === 'true') throw new Error('qemu-system-riscv64 is required under CI');
      this.skip();
    }
    assert.ok(built.ok);
    if (!built.ok) return;
    const dir = tempDir('sv39');
    const file = path.join(dir, 'sv39.elf');
    fs.writeFileSync(file, built.elf);
    const r = runStatus(qemu!, ['-machine', 'virt', '-cpu', 'rv64,h=false', '-bios', 'none', '-nographic', '-kernel', file], { timeoutMs: 30_000 });
    assert.equal(r.status, 0);
    assert.equal(runEngine(built.elf, true), r.stdout.replace(/\r/g, ''));
  });
});
