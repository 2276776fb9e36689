/**
 * `hyperstep disasm` (listElf) against objdump -d, with and without
 * `-M no-aliases`, on executables GNU built: every corpus and example `.s`
 * file (as + ld, with the file's own `# march:` or rv64gc), and C programs
 * compiled by GCC -O2 for rv64imafdc with picolibc (examples/c and
 * test/pipeline/c), which bring compiler idioms and library code no
 * hand-written corpus has. Listings must agree line for line; the first
 * difference is reported (whitespace shown escaped when only it differs).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { listElf } from '../../engine/listing/objdump';
import { needTool } from '../support/tools';
import { AS, GCC, LD, OBJDUMP, PARALLEL, REPO, declaredMarch, exec, gnuBuild, objdumpEach, pipelineSources, pool, workDir } from './reference';

const squash = (l: string) => l.replace(/\s+/g, ' ').trim();

function firstDifference(gnu: string, ours: string): string | undefined {
  // objdump's per-file parts carry the blank line that precedes the next file's header.
  const g = gnu.replace(/\n+$/, '').split('\n');
  const o = ours.replace(/\n+$/, '').split('\n');
  for (let i = 0; i < Math.max(g.length, o.length); i++) {
    if (g[i] === o[i]) continue;
    const onlySpace = g[i] !== undefined && o[i] !== undefined && squash(g[i]) === squash(o[i]);
    const show = (l: string | undefined) => (l === undefined ? '<end>' : JSON.stringify(onlySpace ? l : squash(l)));
    return `listing line ${i + 1}${onlySpace ? ' (whitespace only)' : ''}: objdump ${show(g[i])} ours ${show(o[i])} (${g.length}/${o.length} lines)`;
  }
  return undefined;
}

/** picolibc C programs for the virt board, as test/qemu builds them. */
const C_FLAGS = ['-march=rv64imafdc', '-mabi=lp64d', '-mcmodel=medany', '-O2', '-specs=picolibc.specs', '--crt0=hosted',
  '-Wl,--defsym=__flash=0x80000000', '-Wl,--defsym=__flash_size=0x200000', '-Wl,--defsym=__ram=0x80200000', '-Wl,--defsym=__ram_size=0x200000'];

function cPrograms(): string[] {
  const list: string[] = [];
  for (const dir of ['examples/c', 'test/pipeline/c']) {
    const abs = path.join(REPO, dir);
    if (!fs.existsSync(abs)) continue;
    // virt.c is the board support linked into every program, not a program.
    for (const f of fs.readdirSync(abs).sort()) if (f.endsWith('.c') && f !== 'virt.c') list.push(path.join(dir, f));
  }
  return list;
}

const MODES = [
  { label: 'objdump -d', args: ['-d'], aliases: true },
  { label: 'objdump -d -M no-aliases', args: ['-d', '-M', 'no-aliases'], aliases: false },
];

describe('pipeline: hyperstep disasm vs objdump -d', function () {
  this.timeout(120_000);
  const sources = pipelineSources();
  const programs = cPrograms();
  /** Case name → ELF file name in the work folder (undefined: GNU could not build it). */
  const elves = new Map<string, string | undefined>();
  const listings = new Map<string, Map<string, string>>();

  before(async function () {
    this.timeout(300_000);
    needTool(this, AS);
    needTool(this, LD);
    needTool(this, OBJDUMP);
    needTool(this, GCC);
    const work = workDir();
    const support = path.join(REPO, 'examples', 'c', 'virt.c');
    await Promise.all([
      pool(sources, PARALLEL, async (file) => {
        const march = declaredMarch(fs.readFileSync(path.join(REPO, file), 'utf8')) ?? 'rv64gc';
        const b = await gnuBuild(file, march);
        elves.set(file, b.ok ? path.basename(b.elf) : undefined);
      }),
      pool(programs, PARALLEL, async (c) => {
        const elf = `${c.replace(/[^A-Za-z0-9.-]+/g, '_')}.elf`;
        const r = await exec(GCC, [...C_FLAGS, path.join(REPO, c), support, '-lm', '-o', path.join(work, elf)], { timeoutMs: 120_000 });
        if (r.status !== 0) throw new Error(`gcc ${c}: ${r.stderr}`);
        elves.set(c, elf);
      }),
    ]);
    const names = [...elves.values()].filter((e): e is string => e !== undefined);
    for (const m of MODES) listings.set(m.label, await objdumpEach(work, m.args, names));
  });

  it('finds corpus sources and C programs', function () {
    assert.ok(sources.length > 0, 'no .s sources');
    assert.ok(programs.length > 0, 'no C programs');
    const built = sources.filter((s) => elves.get(s) !== undefined).length;
    assert.ok(built * 4 >= sources.length * 3, `GNU built only ${built} of ${sources.length} sources`);
  });

  for (const file of [...sources, ...programs]) {
    for (const m of MODES) {
      it(`${file} (${m.label})`, function () {
        const elf = elves.get(file);
        if (elf === undefined) {
          // GNU rejects the file at its own march: nothing to disassemble (executables.test.ts checks we reject it too).
          assert.ok(elves.has(file), 'not built');
          return;
        }
        const gnu = listings.get(m.label)?.get(elf);
        assert.ok(gnu !== undefined, `objdump printed nothing for ${elf}`);
        const ours = listElf(new Uint8Array(fs.readFileSync(path.join(workDir(), elf))), { aliases: m.aliases, fileName: elf });
        assert.ok(ours.ok, ours.ok ? '' : `listElf failed: ${ours.error}`);
        // objdumpEach split off objdump's "NAME:     file format …" line; split ours the same way.
        const text = ours.text.split(/^\S+:\s+file format .*$/m)[1] ?? ours.text;
        const d = firstDifference(gnu, text);
        if (d) assert.fail(d);
      });
    }
  }
});
