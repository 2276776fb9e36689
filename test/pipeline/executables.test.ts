/**
 * Source to executable, end to end: every corpus and example `.s` file is
 * built by the engine's toolchain (buildExecutable, .text at 0x80000000) and
 * by GNU as -mno-relax -g + ld --no-relax -Ttext 0x80000000, with the default
 * -march and with rv64gc. The executables must agree on the entry point, on
 * every allocated section (name, address, size, type, bytes), on the symbol
 * table (mapping, file and section symbols aside) and on the decoded DWARF
 * line table. A file GNU rejects must be rejected by us too, and vice versa.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildExecutable, formatProblem } from '../../engine/toolchain';
import { needTool } from '../support/tools';
import {
  AS, LD, OBJDUMP, PARALLEL, REPO, exec, firstDifference, firstLineDifference, isIntentionalError, parseElfFile, pipelineSources, pool, summarise, tempDir,
} from './reference';

const MARCHES: (string | undefined)[] = [undefined, 'rv64gc'];

type Outcome = { status: 'same' } | { status: 'both-reject' } | { status: 'fail'; message: string };

/** objdump's decoded line table, without the header line that names the (temporary) ELF path. */
async function decodedLines(elf: string): Promise<string> {
  const r = await exec(OBJDUMP, ['--dwarf=decodedline', elf]);
  if (r.status !== 0) return `objdump failed: ${r.stderr}`;
  return r.stdout
    .split('\n')
    .filter((l) => !l.includes('file format'))
    .join('\n');
}

async function compareOne(file: string, march: string | undefined, work: string): Promise<Outcome> {
  const abs = path.join(REPO, file);
  const srcDir = path.dirname(abs);
  const name = path.basename(file);
  const text = fs.readFileSync(abs, 'utf8');
  const tag = `${name.replace(/\.s$/, '')}-${march ?? 'default'}-${file.startsWith('examples') ? 'ex' : 'c'}`;
  const obj = path.join(work, `${tag}.o`);
  const gnuElf = path.join(work, `${tag}.gnu.elf`);
  const ourElf = path.join(work, `${tag}.ours.elf`);

  // GNU: assembled from the source's own folder with its bare name, as our build names it.
  const as = await exec(AS, ['-mno-relax', ...(march ? [`-march=${march}`] : []), '-g', '-o', obj, name], { cwd: srcDir });
  let gnuError: string | undefined = as.status !== 0 ? `as: ${as.stderr.trim().split('\n')[0]}` : undefined;
  if (!gnuError) {
    const ld = await exec(LD, ['--no-relax', '-Ttext', '0x80000000', '-o', gnuElf, obj]);
    if (ld.status !== 0) gnuError = `ld: ${ld.stderr.trim().split('\n')[0]}`;
  }

  const ours = buildExecutable([{ file: name, text }], {
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
  const ourError = ours.ok ? undefined : ours.problems.filter((p) => p.severity === 'error').map(formatProblem)[0] ?? 'failed without an error';

  if (gnuError && ourError) return { status: 'both-reject' };
  if (isIntentionalError(file, text)) return { status: 'fail', message: `intentional-error file accepted by ${gnuError ? 'us' : 'GNU'}` };
  if (gnuError) return { status: 'fail', message: `GNU rejects (${gnuError}) but we build it` };
  if (ourError || !ours.ok) return { status: 'fail', message: `we reject (${ourError}) but GNU builds it` };

  fs.writeFileSync(ourElf, ours.elf);
  let diff: string | undefined;
  try {
    diff = firstDifference(summarise(parseElfFile(fs.readFileSync(gnuElf), 'GNU ELF')), summarise(parseElfFile(ours.elf, 'our ELF')));
  } catch (e) {
    diff = (e as Error).message;
  }
  if (diff) return { status: 'fail', message: diff };
  const [gl, ol] = await Promise.all([decodedLines(gnuElf), decodedLines(ourElf)]);
  diff = firstLineDifference(gl, ol, 'decoded line table');
  if (diff) return { status: 'fail', message: diff };
  return { status: 'same' };
}

describe('pipeline: buildExecutable vs GNU as + ld', function () {
  this.timeout(120_000);
  const files = pipelineSources();
  const cases = files.flatMap((file) => MARCHES.map((march) => ({ file, march, key: `${file} (${march ?? 'default march'})` })));
  const outcomes = new Map<string, Outcome>();
  let work = '';

  before(async function () {
    needTool(this, AS);
    needTool(this, LD);
    needTool(this, OBJDUMP);
    work = tempDir('pipeline-exe');
    await pool(cases, PARALLEL, async (c) => {
      let o: Outcome;
      try {
        o = await compareOne(c.file, c.march, work);
      } catch (e) {
        o = { status: 'fail', message: `exception: ${(e as Error).stack ?? String(e)}` };
      }
      outcomes.set(c.key, o);
    });
  });

  after(function () {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('covers the corpus and the examples', function () {
    assert.ok(files.some((f) => f.startsWith('test/asm/corpus/')), 'no corpus files found');
    assert.ok(files.includes(path.join('examples', 'hello', 'hello.s')), 'examples/hello/hello.s not found');
  });

  it('builds at least half of the cases with both toolchains (not everything rejected)', function () {
    const same = [...outcomes.values()].filter((o) => o.status !== 'both-reject').length;
    assert.ok(same * 2 >= cases.length, `only ${same} of ${cases.length} cases were built by GNU`);
  });

  for (const c of cases) {
    it(c.key, function () {
      const o = outcomes.get(c.key);
      assert.ok(o, 'not compared');
      if (o.status === 'fail') assert.fail(o.message);
    });
  }
});
