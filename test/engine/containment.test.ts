/**
 * Misbehaving guests are contained: each gets a precise trap or a clear stop
 * reason, never a host exception or an endless spin.
 */
import { strict as assert } from 'assert';
import type { TrapEvent } from '../../engine/cpu/trap-event';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import { buildExecutable } from '../../engine/toolchain';

function run(source: string, maxInsns = 5_000_000) {
  const r = buildExecutable([{ file: 't.s', text: `.globl _start\n_start:\n${source}\n` }], { march: 'rv64gc' });
  assert.ok(r.ok, r.ok ? '' : r.problems.map((p) => p.message).join('\n'));
  if (!r.ok) throw new Error('build failed');
  const m = new Machine({ kind: 'virt', host: new BufferHost() });
  assert.ok(m.loadElf(r.elf).ok);
  const traps: TrapEvent[] = [];
  m.hart.csr.onTrap = (e) => traps.push(e);
  const stop = m.run(maxInsns);
  return { stop, traps };
}

describe('containment of misbehaving guests', () => {
  it('a guest whose trap vector faults (triple fault) is halted with the reason', () => {
    const { stop, traps } = run('  li t0, 0x40000000\n  csrw mtvec, t0\n  .word 0');
    assert.equal(stop.kind, 'halt');
    if (stop.kind === 'halt') assert.match(stop.message, /retired no instruction .* trapping in a loop at pc 0x40000000 .*mcause 0x1/);
    assert.equal(traps[0].cause, 2, 'first the illegal instruction');
    assert.equal(traps[1].cause, 1, 'then the handler fetch faults');
  });

  it('a jump to unmapped memory raises an instruction access fault with the target in mtval', () => {
    const { traps } = run('  la t0, h\n  csrw mtvec, t0\n  li t1, 0x50000000\n  jr t1\n  .balign 4\nh:\n  li t0, 0x100000\n  li t1, 0x5555\n  sw t1, 0(t0)');
    assert.equal(traps.length, 1);
    assert.equal(traps[0].cause, 1);
    assert.equal(traps[0].tval, 0x50000000n);
    assert.equal(traps[0].epc, 0x50000000n);
  });

  it('a 64-bit store to a 32-bit device register raises a store access fault', () => {
    const { traps, stop } = run('  la t0, h\n  csrw mtvec, t0\n  li t1, 0x2000000\n  sd zero, 0(t1)\n  .balign 4\nh:\n  li t0, 0x100000\n  li t1, 0x5555\n  sw t1, 0(t0)');
    assert.deepEqual(stop, { kind: 'exit', code: 0 });
    assert.equal(traps.length, 1);
    assert.equal(traps[0].cause, 7);
    assert.equal(traps[0].tval, 0x2000000n);
  });

  it('a guest that loops forever stops at the instruction budget', () => {
    const { stop } = run('1: j 1b', 100_000);
    assert.deepEqual(stop, { kind: 'limit' });
  });
});
