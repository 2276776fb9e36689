/**
 * Source to executable, end to end: every corpus and example `.s` file is
 * built by the engine's toolchain (buildExecutable, .text at 0x80000000) and
 * by GNU as -mno-relax -g + ld --no-relax -Ttext 0x80000000, with the default
 * -march, with rv64gc, and with the file's own `# march:` when it declares
 * another. The executables must agree on the entry point, on every allocated
 * section (name, address, size, type, bytes), on the symbol table (mapping,
 * file and section symbols aside) and on objdump's decoded DWARF line table.
 * A file GNU rejects must be rejected by us too, and vice versa.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildExecutable, formatProblem } from '../../engine/toolchain';
import { needTool } from '../support/tools';
import {
  AS, LD, OBJDUMP, PARALLEL, REPO, declaredMarch, differences, firstLineDifference, gnuBuild, isIntentionalError, objdumpEach, parseElfFile,
  pipelineSources, pool, summarise, workDir,
} from './reference';

const SYNTAX_VARIANT = /-s\d+\.s$/;

type Outcome =
  | { status: 'same' }
  | { status: 'both-reject' }
  | { status: 'fail'; message: string }
  /** Executables built and compared; the line tables are compared for all cases at once. */
  | { status: 'lines'; diffs: string[]; gnuElf: string; ourElf: string };

function ourBuild(file: string, march: string | undefined) {
  const abs = path.join(REPO, file);
  const srcDir = path.dirname(abs);
  return buildExecutable([{ file: path.basename(file), text: fs.readFileSync(abs, 'utf8') }], {
    march,
    textAddress: 0x8000_0000n,
    readFile: (p) => {
      try {
        return fs.readFileSync(path.resolve(srcDir, p), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

async function compareOne(file: string, march: string | undefined): Promise<Outcome> {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const gnu = await gnuBuild(file, march);
  const ours = ourBuild(file, march);
  const ourError = ours.ok ? undefined : ours.problems.filter((p) => p.severity === 'error').map(formatProblem)[0] ?? 'failed without an error';
  if (!gnu.ok && !ours.ok) return { status: 'both-reject' };
  if (isIntentionalError(file, text)) return { status: 'fail', message: `intentional-error file accepted by ${gnu.ok ? 'GNU' : 'us'}` };
  if (!gnu.ok) return { status: 'fail', message: `GNU rejects (${gnu.error}) but we build it` };
  if (!ours.ok) return { status: 'fail', message: `we reject (${ourError}) but GNU builds it` };

  const ourElf = gnu.elf.replace(/\.gnu\.elf$/, '.ours.elf');
  fs.writeFileSync(ourElf, ours.elf);
  let diffs: string[];
  try {
    diffs = differences(summarise(parseElfFile(fs.readFileSync(gnu.elf), 'GNU ELF')), summarise(parseElfFile(ours.elf, 'our ELF')));
  } catch (e) {
    diffs = [(e as Error).message];
  }
  return { status: 'lines', diffs, gnuElf: path.basename(gnu.elf), ourElf: path.basename(ourElf) };
}

describe('pipeline: buildExecutable vs GNU as + ld', function () {
  this.timeout(120_000);
  const files = pipelineSources();
  const cases = files.flatMap((file) => {
    const own = declaredMarch(fs.readFileSync(path.join(REPO, file), 'utf8'));
    // gen-*-sN.s files restate a generated file in other syntax (same instructions): one march is
    // enough for them here (test/asm/corpus.test.ts covers their syntax), which keeps the suite fast.
    const marches = SYNTAX_VARIANT.test(file) ? [own ?? 'rv64gc'] : [undefined, 'rv64gc', ...(own && own !== 'rv64gc' ? [own] : [])];
    return marches.map((march) => ({ file, march, key: `${file} (${march ?? 'default march'})` }));
  });
  const outcomes = new Map<string, Outcome>();

  before(async function () {
    // Hundreds of tool runs: generous on a loaded machine (the work itself runs in parallel).
    this.timeout(300_000);
    needTool(this, AS);
    needTool(this, LD);
    needTool(this, OBJDUMP);
    await pool(cases, PARALLEL, async (c) => {
      let o: Outcome;
      try {
        o = await compareOne(c.file, c.march);
      } catch (e) {
        o = { status: 'fail', message: `exception: ${(e as Error).stack ?? String(e)}` };
      }
      outcomes.set(c.key, o);
    });
    // Line tables: one objdump run over every executable, then a line diff per case.
    const built = [...outcomes.entries()].filter((e): e is [string, Extract<Outcome, { status: 'lines' }>] => e[1].status === 'lines');
    const tables = await objdumpEach(workDir(), ['--dwarf=decodedline'], built.flatMap(([, o]) => [o.gnuElf, o.ourElf]));
    const norm = (t: string | undefined) => t?.replace(/[ \t]+$/gm, '').trim();
    for (const [key, o] of built) {
      const diffs = [...o.diffs];
      const g = norm(tables.get(o.gnuElf));
      const ours = norm(tables.get(o.ourElf));
      if (g === undefined || ours === undefined) diffs.push(`objdump printed no line table for ${g === undefined ? 'GNU' : 'our'} executable`);
      else {
        const d = firstLineDifference(g, ours, 'decoded line table');
        if (d) diffs.push(d);
      }
      outcomes.set(key, diffs.length ? { status: 'fail', message: diffs.join('\n') } : { status: 'same' });
    }
  });

  it('covers the corpus and the examples', function () {
    assert.ok(files.some((f) => f.startsWith('test/asm/corpus/')), 'no corpus files found');
    assert.ok(files.includes(path.join('examples', 'hello', 'hello.s')), 'examples/hello/hello.s not found');
  });

  it('GNU builds most cases (the comparison is not vacuous)', function () {
    const built = [...outcomes.values()].filter((o) => o.status !== 'both-reject').length;
    assert.ok(built * 3 >= cases.length * 2, `only ${built} of ${cases.length} cases were built by GNU`);
  });

  for (const c of cases) {
    it(c.key, function () {
      const o = outcomes.get(c.key);
      assert.ok(o, 'not compared');
      if (o.status === 'fail') assert.fail(o.message);
      assert.notStrictEqual(o.status, 'lines', 'line tables not compared');
    });
  }
});
