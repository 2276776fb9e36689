/**
 * Debugger support in the engine: breakpoints and watchpoints stop exactly
 * where they should even inside translated blocks, stepping one instruction
 * at a time gives the same state as running at full speed, and snapshots
 * restore a machine so that replay reproduces the same future.
 */
import { strict as assert } from 'assert';
import { SnapshotStore } from '../../engine/debug/snapshot';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import { buildExecutable } from '../../engine/toolchain';

const PROGRAM = `
  .globl _start
_start:
  la    s0, counter
  li    s1, 0
  li    s2, 2000
loop:
  addi  s1, s1, 1
  mul   t0, s1, s1
  add   t1, t1, t0
  andi  t2, s1, 7
  bnez  t2, skip
store:
  sd    t1, 0(s0)
skip:
  bne   s1, s2, loop
  ld    a0, 0(s0)
  li    t0, 0x100000
  li    t1, 0x5555
  sw    t1, 0(t0)
1: j 1b
  .data
counter: .dword 0
`;

function build(): { elf: Uint8Array; sym: (n: string) => number } {
  const r = buildExecutable([{ file: 'prog.s', text: PROGRAM }], { march: 'rv64gc' });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const symbols = new Map(r.exe.symbols.map((s) => [s.name, Number(s.address)]));
  return { elf: r.elf, sym: (n) => symbols.get(n)! };
}

function machine(elf: Uint8Array): Machine {
  const m = new Machine({ kind: 'virt', host: new BufferHost() });
  const loaded = m.loadElf(elf);
  assert.ok(loaded.ok);
  return m;
}

function regs(m: Machine): string {
  return Array.from(m.hart.x.subarray(0, 64)).join(',') + `|pc=${m.hart.pc}|n=${m.instret}`;
}

describe('engine debugger support', () => {
  const { elf, sym } = build();

  it('stops at a breakpoint inside a hot, translated loop, every time around', () => {
    const m = machine(elf);
    m.run(3000); // the loop is hot and translated by now
    const bp = sym('store');
    m.hart.setBreakpoints([bp]);
    const hits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = m.run(1e6);
      assert.equal(s.kind, 'breakpoint');
      assert.equal(m.hart.pc, bp);
      hits.push(Number(m.hart.getX(9))); // s1 at the stop
      m.hart.ignoreBreakAt = bp;
    }
    // `store` runs when s1 is a multiple of 8: consecutive hits are 8 apart.
    for (let i = 1; i < hits.length; i++) assert.equal(hits[i] - hits[i - 1], 8);
    assert.equal(hits[0] % 8, 0);
  });

  it('single-stepping gives the same state as running at full speed', () => {
    for (const n of [1, 7, 100, 1234, 5001]) {
      const fast = machine(elf);
      fast.run(200); // warm up so blocks get translated
      fast.run(n);
      const slow = machine(elf);
      slow.run(200);
      for (let i = 0; i < n; i++) slow.run(1);
      assert.equal(regs(slow), regs(fast), `after ${n} instructions`);
    }
  });

  it('a write watchpoint stops right after the store that hits it', () => {
    const m = machine(elf);
    m.run(500);
    m.hart.setWatchpoints([{ address: sym('counter'), size: 8, read: false, write: true }]);
    const s = m.run(1e6);
    assert.equal(s.kind, 'watchpoint');
    if (s.kind !== 'watchpoint') return;
    assert.equal(s.pc, sym('store'));
    assert.equal(s.access, 'write');
    assert.equal(m.hart.pc, sym('store') + 4, 'the store completed; the hart stopped after it');
    const stored = m.bus.ram32[(sym('counter') - 0x80000000) >> 2];
    assert.equal(stored, m.hart.x[2 * 6], 'memory already holds the new value');
  });

  it('restoring a snapshot and replaying reproduces the same future', () => {
    const m = machine(elf);
    const store = new SnapshotStore(m);
    m.run(100);
    const s0 = store.take();
    const counterAtS0 = m.bus.ram32[(sym('counter') - 0x80000000) >> 2];
    m.run(3000);
    const s1 = store.take();
    m.run(2500);
    const after = regs(m) + '|' + m.bus.ram32[(sym('counter') - 0x80000000) >> 2];
    store.restore(s1);
    assert.equal(m.instret, s1.instret);
    m.run(2500);
    assert.equal(regs(m) + '|' + m.bus.ram32[(sym('counter') - 0x80000000) >> 2], after);
    store.restore(s0);
    assert.equal(m.instret, s0.instret);
    assert.equal(m.bus.ram32[(sym('counter') - 0x80000000) >> 2], counterAtS0, 'RAM is back to its state at the first snapshot');
    m.run(5500);
    assert.equal(regs(m) + '|' + m.bus.ram32[(sym('counter') - 0x80000000) >> 2], after);
  });

  it('the program still finishes with the right result after all that', () => {
    const m = machine(elf);
    const s = m.run(1e7);
    assert.deepEqual(s, { kind: 'exit', code: 0 });
    // counter holds the running sum of squares at the last multiple of 8 (2000).
    let sum = 0n;
    for (let i = 1n; i <= 2000n; i++) sum += i * i;
    assert.equal(m.hart.getX(10), sum);
  });
});
