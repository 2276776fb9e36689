/**
 * Differential tests of the linker against GNU ld 2.40 (--no-relax -Ttext
 * 0x80000000) on objects GNU as produced from the corpus: (a) our ELF writer's
 * objects link with ld to the same image as GNU's; (b) our link() of the same
 * objects equals ld's executable; (c) the DWARF line tables decode the same.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { needTool, tempDir } from '../support/tools';
import { AS, LD, OBJDUMP, CASES, assemble, ldLink, loadObject, assertSameExecutable, decodedLines, parse, symbolSet, allocSections, programHeaders } from './gnu-support';
import { writeObject } from '../../engine/elf/write';
import { link } from '../../engine/link/link';
import { writeExecutable } from '../../engine/link/write-exe';

describe('linker vs GNU ld (corpus)', function () {
  this.timeout(60_000);
  before(function () {
    needTool(this, AS);
    needTool(this, LD);
    needTool(this, OBJDUMP);
  });

  for (const c of CASES) {
    describe(c.name, () => {
      let dir = '';
      let objs: string[] = [];
      before(() => {
        dir = tempDir('link');
        objs = c.files.map((f) => assemble(dir, f, c.march, c.asFlags));
        const r = ldLink(dir, objs, 'gnu.elf');
        assert.ok(r.ok, `GNU ld failed: ${r.stderr}`);
      });
      after(() => fs.rmSync(dir, { recursive: true, force: true }));

      it('(a) writeObject(objectFromElf(GNU .o)) links with ld to the same executable', () => {
        const ours = objs.map((o, i) => {
          const p = path.join(dir, `rt${i}.o`);
          fs.writeFileSync(p, writeObject(loadObject(o)));
          return p;
        });
        const r = ldLink(dir, ours, 'rt.elf');
        assert.ok(r.ok, `GNU ld rejected our objects: ${r.stderr}`);
        const a = parse(path.join(dir, 'rt.elf')), b = parse(path.join(dir, 'gnu.elf'));
        assert.deepEqual(allocSections(a), allocSections(b), 'allocated sections');
        assert.deepEqual(programHeaders(a), programHeaders(b), 'program headers');
        assert.deepEqual(symbolSet(a), symbolSet(b), 'symbols');
        assert.equal(a.header.entry, b.header.entry);
        assert.equal(decodedLines(path.join(dir, 'rt.elf')), decodedLines(path.join(dir, 'gnu.elf')), 'line tables');
      });

      it('(b) link() equals ld: sections, bytes, segments, symbols, entry', () => {
        const res = link(objs.map(loadObject), { names: objs.map((o) => path.basename(o)) });
        assert.ok(res.ok, res.diagnostics.map((d) => d.message).join('\n'));
        if (!res.ok) return;
        fs.writeFileSync(path.join(dir, 'ours.elf'), writeExecutable(res.exe));
        assertSameExecutable(path.join(dir, 'ours.elf'), path.join(dir, 'gnu.elf'));
      });

      it('(c) objdump --dwarf=decodedline of our executable equals ld\'s', () => {
        const res = link(objs.map(loadObject), { names: objs.map((o) => path.basename(o)) });
        assert.ok(res.ok);
        if (!res.ok) return;
        fs.writeFileSync(path.join(dir, 'ours2.elf'), writeExecutable(res.exe));
        assert.equal(decodedLines(path.join(dir, 'ours2.elf')), decodedLines(path.join(dir, 'gnu.elf')));
      });
    });
  }
});
