/**
 * Link errors: where GNU ld fails, link() must fail too, with a clear message
 * naming the symbol/relocation and the object; it never throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { needTool, run, tempDir } from '../support/tools';
import { AS, LD, ldLink, loadObject } from './gnu-support';
import { link } from '../../engine/link/link';
import { lookupAddress, lookupSource } from '../../engine/link/executable';
import type { ObjectFile } from '../../engine/obj/types';

function assembleText(dir: string, name: string, text: string, march = 'rv64gc'): string {
  const src = path.join(dir, name + '.s');
  fs.writeFileSync(src, text);
  const out = path.join(dir, name + '.o');
  run(AS, ['-mno-relax', `-march=${march}`, '-g', '-o', out, src], { cwd: dir });
  return out;
}

describe('link errors (agreeing with GNU ld)', function () {
  this.timeout(30_000);
  let dir = '';
  before(function () {
    needTool(this, AS);
    needTool(this, LD);
    dir = tempDir('linkerr');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; files: Record<string, string>; expect: RegExp }[] = [
    { name: 'undefined symbol', files: { u: '.globl _start\n_start: call nowhere\n' }, expect: /u\.o: .*undefined reference to `nowhere'/ },
    { name: 'undefined symbol in data', files: { u2: '.globl _start\n_start: nop\n.data\n.dword missing_thing\n' }, expect: /undefined reference to `missing_thing'/ },
    { name: 'duplicate definition', files: { d1: '.globl _start, dup\n_start: nop\ndup: nop\n', d2: '.globl dup\ndup: ret\n' }, expect: /multiple definition of `dup'; first defined in d1\.o/ },
    { name: 'jal out of range', files: { j1: '.globl _start\n_start: jal ext\n', j2: '.globl ext\n.section .text.z,"ax"\n.space 0x100000\next: ret\n' }, expect: /R_RISCV_JAL out of range/ },
    { name: '%hi of a 0x80000000 address', files: { h: '.globl _start\n_start: lui a0, %hi(v)\n.data\nv: .word 1\n' }, expect: /R_RISCV_HI20 out of range/ },
    { name: '%pcrel_lo without its %pcrel_hi', files: { p: '.globl _start\n_start: nop\nlbl: nop\naddi a0, a0, %pcrel_lo(lbl)\n' }, expect: /R_RISCV_PCREL_LO12_I has no matching R_RISCV_PCREL_HI20/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const objs = Object.entries(c.files).map(([n, t]) => assembleText(dir, n, t));
      const gnu = ldLink(dir, objs, `${Object.keys(c.files)[0]}.elf`);
      assert.equal(gnu.ok, false, 'GNU ld should reject this too');
      const res = link(objs.map(loadObject), { names: objs.map((o) => path.basename(o)) });
      assert.equal(res.ok, false);
      const text = res.diagnostics.map((d) => `${d.file ?? ''}: ${d.message}`).join('\n');
      assert.match(text, c.expect);
    });
  }

  it('warns and uses the start of .text when _start is missing, as ld does', () => {
    const o = assembleText(dir, 'nostart', 'nop\nmain: ret\n');
    const gnu = ldLink(dir, [o], 'nostart.elf');
    assert.ok(gnu.ok);
    assert.match(gnu.stderr, /cannot find entry symbol _start/);
    const res = link([loadObject(o)]);
    assert.ok(res.ok);
    if (!res.ok) return;
    assert.equal(res.exe.entry, 0x80000000n);
    assert.match(res.diagnostics.map((d) => d.message).join('\n'), /cannot find entry symbol _start; defaulting to 0000000080000000/);
  });

  // GNU as expands conditional and compressed branches to external symbols,
  // so these relocations are built by hand.
  for (const [type, insn, dist, expect] of [
    [16, [0x63, 0x04, 0xb5, 0x00], 5000, 'relocation R_RISCV_BRANCH out of range: target is 5000 bytes away, limit ±4096'],
    [44, [0x01, 0xc1], 300, 'relocation R_RISCV_RVC_BRANCH out of range: target is 300 bytes away, limit ±256'],
    [45, [0x01, 0xa0], -2050, 'relocation R_RISCV_RVC_JUMP out of range: target is -2050 bytes away, limit ±2048'],
  ] as const) {
    it(`reports ${expect.split(' ')[1]} overflow`, () => {
      const code = new Uint8Array(8);
      code.set(insn, 4);
      const obj: ObjectFile = {
        sections: [{ name: '.text', kind: 'progbits', alloc: true, write: false, exec: true, align: 4, data: code, size: 8, relocs: [{ offset: 4, type, symbol: 1, addend: BigInt(dist) }] }],
        symbols: [{ name: '_start', section: 0, value: 0n, size: 0n, binding: 'global', type: 'notype' },
          { name: 'here', section: 0, value: 4n, size: 0n, binding: 'local', type: 'notype' }],
        lines: [], eflags: 0, arch: '',
      };
      const res = link([obj], { names: ['hand.o'] });
      assert.equal(res.ok, false);
      assert.ok(res.diagnostics.some((d) => d.file === 'hand.o' && d.message.includes(expect)), res.diagnostics.map((d) => d.message).join('\n'));
    });
  }

  it('reports malformed objects instead of throwing', () => {
    const bad: ObjectFile = {
      sections: [{ name: '.text', kind: 'progbits', alloc: true, write: false, exec: true, align: 4, data: new Uint8Array(4), size: 4, relocs: [{ offset: 0, type: 17, symbol: 9, addend: 0n }] }],
      symbols: [{ name: 's', section: 7, value: 0n, size: 0n, binding: 'global', type: 'notype' }], lines: [], eflags: 0, arch: '',
    };
    const res = link([bad]);
    assert.equal(res.ok, false);
    assert.match(res.diagnostics.map((d) => d.message).join('\n'), /refers to section 7, which does not exist/);
    assert.equal(link([]).ok, false);
  });

  it('lookupSource / lookupAddress map addresses and lines both ways', () => {
    const o = assembleText(dir, 'src', '.globl _start\n_start:\n  li a0, 1\n  li a1, 2\n\n  ecall\n');
    const res = link([loadObject(o)]);
    assert.ok(res.ok);
    if (!res.ok) return;
    const exe = res.exe;
    assert.equal(lookupAddress(exe, 'src.s', 3), 0x80000000n);
    assert.equal(lookupAddress(exe, 'src.s', 4), 0x80000002n);
    assert.equal(lookupAddress(exe, path.join(dir, 'src.s'), 6), 0x80000004n);
    assert.equal(lookupAddress(exe, '/elsewhere/src.s', 6), undefined);
    assert.equal(lookupAddress(exe, 'src.s', 5), undefined);
    assert.equal(lookupSource(exe, 0x80000000n)?.line, 3);
    assert.equal(lookupSource(exe, 0x80000003n)?.line, 4);
    assert.equal(lookupSource(exe, 0x80000004n)?.line, 6);
    assert.equal(lookupSource(exe, 0x80000008n), undefined);
    assert.equal(lookupSource(exe, 0x7ffffffen), undefined);
  });
});
