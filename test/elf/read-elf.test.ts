/**
 * readElf against GNU binutils: sections, symbols, relocations and program
 * headers agree with readelf; DWARF 3 and 5 line tables (GNU as, GCC)
 * decode to the rows objdump --dwarf=decodedline prints; bad input gets a
 * clear message and never an exception (seeded mutation fuzzing).
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { needTool, run, tempDir, toolPath } from '../support/tools';
import { readElf, ParsedElf } from '../../engine/elf/read';
import { objectFromElf } from '../../engine/elf/object-from-elf';
import { writeObject } from '../../engine/elf/write';
import { relocName } from '../../engine/obj/relocs';
import { AS, LD, OBJDUMP, CORPUS, assemble, ldLink, parse } from '../link/gnu-support';

const READELF = 'riscv64-unknown-elf-readelf';

/** Rows of `objdump --dwarf=decodedline` as "file line address" (end rows use "-"). */
function objdumpRows(file: string): string[] {
  const out = run(OBJDUMP, ['--dwarf=decodedline', file]);
  const rows: string[] = [];
  for (const l of out.split('\n')) {
    const m = /^(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+|0)(\s|$)/.exec(l);
    if (m) rows.push(`${path.basename(m[1])} ${m[2]} ${BigInt(m[3]).toString(16)}`);
  }
  return rows;
}
function ourRows(elf: ParsedElf): string[] {
  assert.equal(elf.lineError, undefined);
  return (elf.lines ?? []).map((r) => `${path.basename(r.file)} ${r.endSequence ? '-' : r.line} ${r.address.toString(16)}`);
}

describe('readElf vs binutils', function () {
  this.timeout(60_000);
  let dir = '';
  before(function () {
    needTool(this, AS);
    needTool(this, LD);
    needTool(this, OBJDUMP);
    needTool(this, READELF);
    dir = tempDir('readelf');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sections, symbols and relocations of a .o match readelf', () => {
    const o = assemble(dir, 'sections.s');
    const elf = parse(o);
    const secOut = run(READELF, ['-S', '-W', o]);
    for (const s of elf.sections.slice(1)) {
      const re = new RegExp(`\\]\\s+${s.name.replace(/[.$]/g, '\\$&')}\\s+\\S+\\s+0*${s.addr.toString(16)}\\s+0*${s.offset.toString(16)}\\s+0*${s.size.toString(16)}\\s`);
      assert.match(secOut, re, s.name);
    }
    const symOut = run(READELF, ['-s', '-W', o]).split('\n').filter((l) => /^\s+\d+:/.test(l));
    assert.equal(symOut.length, elf.symbols.length);
    elf.symbols.forEach((s, i) => {
      const f = symOut[i].trim().split(/\s+/);
      assert.equal(BigInt('0x' + f[1]), s.value);
      assert.equal(f[7] ?? '', (s.type === 3 ? s.sectionName ?? '' : s.name).trim());
    });
    const relOut = run(READELF, ['-r', '-W', o]).split('\n').filter((l) => /^[0-9a-f]{16}\s/.test(l));
    const ours = elf.relocations.flatMap((rs) => rs.relocs);
    assert.equal(relOut.length, ours.length);
    relOut.forEach((l, i) => {
      const f = l.split(/\s+/);
      assert.equal(BigInt('0x' + f[0]), ours[i].offset);
      assert.equal(f[2], relocName(ours[i].type));
    });
  });

  it('program headers of an executable match readelf', () => {
    const objs = ['main.s', 'lib.s'].map((f) => assemble(dir, f));
    assert.ok(ldLink(dir, objs, 'ml.elf').ok);
    const exe = path.join(dir, 'ml.elf');
    const elf = parse(exe);
    const lines = run(READELF, ['-l', '-W', exe]).split('\n').filter((l) => /^\s+(LOAD|RISCV_ATTRIBUT)/.test(l));
    assert.equal(lines.length, elf.segments.length);
    elf.segments.forEach((p, i) => {
      const f = lines[i].trim().split(/\s+/);
      assert.equal(Number(f[1]), p.offset);
      assert.equal(BigInt(f[2]), p.vaddr);
      assert.equal(Number(f[4]), p.filesz);
      assert.equal(Number(f[5]), p.memsz);
    });
    assert.equal(elf.header.entry, 0x80000000n);
    assert.match(elf.arch ?? '', /^rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0/);
  });

  for (const dwarf of ['-gdwarf-3', '-gdwarf-4', '-gdwarf-5']) {
    it(`decodes GNU as ${dwarf} line tables in .o and linked files like objdump`, () => {
      const objs = ['main.s', 'lib.s', 'branches.s'].map((f) => assemble(dir, f, 'rv64gc', [dwarf]));
      for (const o of objs) assert.deepEqual(ourRows(parse(o)), objdumpRows(o), o);
      const objs2 = objs.slice(0, 2);
      assert.ok(ldLink(dir, objs2, `l${dwarf}.elf`).ok);
      const exe = path.join(dir, `l${dwarf}.elf`);
      assert.deepEqual(ourRows(parse(exe)), objdumpRows(exe));
    });
  }

  it('decodes GCC (DWARF 5) line tables and converts GCC objects', function () {
    const gcc = toolPath('riscv64-unknown-elf-gcc');
    if (!gcc) this.skip();
    const src = path.join(dir, 'c.c');
    fs.writeFileSync(src, 'int g = 3;\nstatic const char *s = "hi";\nint f(int x) {\n  int y = x * 2;\n  return y + g + s[0];\n}\nint main(void) { return f(1); }\n');
    for (const opt of ['-O0', '-O2']) {
      const o = path.join(dir, `c${opt}.o`);
      run(gcc!, ['-g', opt, '-mno-relax', '-c', src, '-o', o]);
      assert.deepEqual(ourRows(parse(o)), objdumpRows(o));
      const conv = objectFromElf(parse(o));
      assert.ok(conv.ok);
      if (!conv.ok) return;
      assert.ok(conv.object.lines.length > 0);
      // Our re-serialisation must still be a valid object for GNU tools.
      const rt = path.join(dir, `rt${opt}.o`);
      fs.writeFileSync(rt, writeObject(conv.object));
      run(READELF, ['-a', '-W', rt]);
      assert.deepEqual(ourRows(parse(rt)).filter((r) => !r.includes(' - ')).length, conv.object.lines.length);
    }
  });
});

describe('readElf on bad input', function () {
  this.timeout(30_000);
  const sample = (): Uint8Array => {
    // A small valid RV64 object written by our writer (no external tools needed).
    const bytes = fs.readFileSync(path.join(CORPUS, 'main.s'));
    void bytes;
    return writeObject({
      sections: [{ name: '.text', kind: 'progbits', alloc: true, write: false, exec: true, align: 4, data: new Uint8Array([0x13, 0, 0, 0, 0x6f, 0, 0, 0]), size: 8,
        relocs: [{ offset: 4, type: 17, symbol: 0, addend: 0n }] }],
      symbols: [{ name: '_start', section: 0, value: 0n, size: 0n, binding: 'global', type: 'func' }],
      lines: [{ section: 0, offset: 0, file: 'x.s', line: 1, column: 0 }, { section: 0, offset: 4, file: 'x.s', line: 2, column: 0 }],
      eflags: 5, arch: 'rv64i2p1',
    });
  };

  it('parses the sample', () => {
    const r = readElf(sample());
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.elf.symbols[r.elf.symbols.length - 1].name, '_start');
    assert.deepEqual(r.elf.lines?.filter((l) => !l.endSequence).map((l) => [l.line, Number(l.address)]), [[1, 0], [2, 4]]);
    assert.equal(r.elf.arch, 'rv64i2p1');
  });

  const expectError = (bytes: Uint8Array, re: RegExp) => {
    const r = readElf(bytes);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, re);
  };

  it('names the problem', () => {
    expectError(new Uint8Array(0), /^not an ELF file$/);
    expectError(new TextEncoder().encode('#!/bin/sh\necho hi\n'), /^not an ELF file$/);
    const s = sample();
    const c32 = s.slice(); c32[4] = 1;
    expectError(c32, /^ELF file is 32-bit; Hyperstep runs RV64$/);
    const be = s.slice(); be[5] = 2;
    expectError(be, /big-endian/);
    const x86 = s.slice(); x86[18] = 62; x86[19] = 0;
    expectError(x86, /^ELF machine is x86-64 \(62\), expected RISC-V \(243\)$/);
    expectError(s.slice(0, 40), /truncated/);
    const shoff = Number(new DataView(s.buffer).getBigUint64(40, true));
    expectError(s.slice(0, shoff + 7 * 64 + 10), /section header table \(\d+ entries\) extends past end of file|section header 7 extends past end of file/);
    const bigSec = s.slice();
    new DataView(bigSec.buffer).setBigUint64(shoff + 64 + 32, 0x100000n, true);
    expectError(bigSec, /section 1 \(offset 0x[0-9a-f]+, size 0x100000\) extends past end of file/);
  });

  it('never throws on thousands of seeded mutations and truncations', () => {
    let seed = 0x12345678;
    const rnd = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed / 0x100000000; };
    const bases = [sample()];
    const corpusObj = toolPath(AS) ? (() => { const d = tempDir('fuzz'); const o = assemble(d, 'pcrel.s'); return new Uint8Array(fs.readFileSync(o)); })() : undefined;
    if (corpusObj) bases.push(corpusObj);
    let ok = 0, bad = 0;
    for (let i = 0; i < 4000; i++) {
      const base = bases[i % bases.length];
      let m = base.slice();
      const kind = rnd();
      if (kind < 0.15) m = m.slice(0, Math.floor(rnd() * m.length));
      const flips = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < flips; k++) {
        const at = Math.floor(rnd() * m.length);
        const v = rnd();
        m[at] = v < 0.3 ? 0 : v < 0.5 ? 0xff : Math.floor(rnd() * 256);
      }
      // Keep the identification intact most of the time so the deeper parsers get exercised.
      if (kind > 0.3 && m.length >= 20) m.set(base.subarray(0, 20), 0);
      let r;
      try {
        r = readElf(m);
      } catch (e) {
        assert.fail(`readElf threw on mutation ${i}: ${e}`);
      }
      if (r.ok) {
        ok++;
        try { objectFromElf(r.elf); } catch (e) { assert.fail(`objectFromElf threw on mutation ${i}: ${e}`); }
      } else {
        bad++;
        assert.ok(r.error.length > 0 && !r.error.includes('undefined'), r.error);
      }
    }
    assert.ok(ok > 100 && bad > 100, `ok=${ok} bad=${bad}`);
  });
});
