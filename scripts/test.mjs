// Runs every compiled test (out/test/**/*.test.js) in one mocha process with
// the spec reporter, then prints, as the very last line of output,
//   N passed, N failed, N skipped
// Exit status is non-zero when anything failed (a test, a hook, or loading a
// test file) or when no test ran at all.
//
// Local use:
//   node scripts/test.mjs [path ...]     only these tests: files or folders,
//                                        given as test/... sources or out/test/... outputs
//   HYPERSTEP_TEST_GREP=regexp           only tests whose full title matches
import Mocha from 'mocha';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outTest = join(root, 'out', 'test');

/** Compiled test files under `dir`, in a stable order. */
function testFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.js')) found.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** The source a compiled test came from: out/test/a/b.test.js -> test/a/b.test.ts. */
function sourceOf(compiled) {
  return join(root, relative(join(root, 'out'), compiled)).replace(/\.js$/, '.ts');
}

/** Maps a command-line argument (source or output path, file or folder) to compiled files. */
function selected(arg) {
  let p = resolve(arg);
  const rel = relative(root, p);
  const inRepo = !rel.startsWith('..') && !isAbsolute(rel);
  if (inRepo && !rel.startsWith('out' + sep) && rel !== 'out') p = join(root, 'out', rel);
  p = p.replace(/\.ts$/, '.js');
  if (existsSync(p) && statSync(p).isDirectory()) return testFiles(p);
  if (existsSync(p)) return [p];
  throw new Error(`no compiled test at ${relative(root, p)} (from argument ${arg})`);
}

const loadErrors = [];
let files = [];
try {
  const args = process.argv.slice(2);
  files = args.length > 0 ? args.flatMap(selected) : testFiles(outTest);
} catch (e) {
  loadErrors.push(e);
}
// tsc never deletes outputs, so a test whose source was removed or renamed
// would keep running from out/; only run tests that still have a source.
const outDir = join(root, 'out') + sep;
files = [...new Set(files)].filter((f) => !f.startsWith(outDir) || existsSync(sourceOf(f)));

const mocha = new Mocha({
  reporter: 'spec',
  // Differential suites assemble with GNU tools and boot QEMU.
  timeout: 120_000,
  slow: 5_000,
  grep: process.env.HYPERSTEP_TEST_GREP || undefined,
});
for (const f of files) mocha.addFile(f);

function finish(stats) {
  const passed = stats?.passes ?? 0;
  const failed = (stats?.failures ?? 0) + loadErrors.length;
  const skipped = stats?.pending ?? 0;
  for (const e of loadErrors) {
    console.log(`\nerror loading tests: ${e && e.stack ? e.stack : e}`);
  }
  if (passed + failed === 0) console.log('\nno tests ran');
  const code = failed > 0 || passed + failed === 0 ? 1 : 0;
  // Exit explicitly (like mocha --exit) so a test that leaves a handle open
  // cannot hang the run; write the summary line first, and nothing after it.
  process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`, () => process.exit(code));
}

try {
  const runner = mocha.run(() => finish(runner.stats));
} catch (e) {
  // A test file that throws while loading.
  loadErrors.push(e);
  finish(undefined);
}
