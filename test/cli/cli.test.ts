/**
 * The `hyperstep` command as a user runs it: `node bin/hyperstep.js` (the
 * bundle `npm run build` makes), checked against GNU binutils and QEMU where
 * they give the answer: output and exit status of guests, objects GNU ld must
 * link, executables QEMU must run, and the exit codes and messages of every
 * failure the CLI documents.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXIT } from '../../cli/exit-codes';
import { needTool } from '../support/tools';
import { AS, LD, REPO, exec, tempDir } from '../pipeline/reference';

const BIN = path.join(REPO, 'bin', 'hyperstep.js');
const PROGRAMS = path.join(REPO, 'test', 'cli', 'programs');
const QEMU = 'qemu-system-riscv64';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with optional stdin, killing it after `timeoutMs`. */
function runProcess(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // the child may exit before reading all input
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1') });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

const hyperstep = (args: string[], opts: { input?: string; timeoutMs?: number; cwd?: string } = {}) => runProcess(process.execPath, [BIN, ...args], opts);

/** QEMU as the reference machine: no firmware, console on stdio, no monitor. */
function qemu(machine: 'virt' | 'spike', elf: string, input?: string): Promise<Ran> {
  return runProcess(QEMU, ['-machine', machine, '-bios', 'none', '-nographic', '-monitor', 'none', '-serial', 'stdio', '-kernel', elf], { input, timeoutMs: 20_000 });
}

/** GNU's executable of a program: as -march=rv64gc, ld -Ttext 0x80000000. */
async function gnuExecutable(source: string, dir: string): Promise<string> {
  const base = path.join(dir, path.basename(source, '.s'));
  const as = await exec(AS, ['-march=rv64gc', '-o', `${base}.o`, source]);
  assert.strictEqual(as.status, 0, `GNU as failed: ${as.stderr}`);
  const ld = await exec(LD, ['-Ttext', '0x80000000', '-o', `${base}.elf`, `${base}.o`]);
  assert.strictEqual(ld.status, 0, `GNU ld failed: ${ld.stderr}`);
  return `${base}.elf`;
}

const program = (name: string) => path.join(PROGRAMS, name);
const hello = path.join(REPO, 'examples', 'hello', 'hello.s');

describe('cli: hyperstep command line', function () {
  this.timeout(60_000);
  let dir = '';

  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js'))) assert.fail('dist/cli.js is missing: run `npm run build` first');
    dir = tempDir('cli');
  });
  after(function () {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('help', function () {
    for (const command of ['asm', 'run', 'disasm']) {
      it(`${command} --help describes the command and exits 0`, async function () {
        const r = await hyperstep([command, '--help']);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^Usage: hyperstep ${command} `));
        assert.match(r.stdout, /Options:/);
        assert.strictEqual(r.stderr, '');
      });
    }
    it('--help lists the commands and the exit codes', async function () {
      const r = await hyperstep(['--help']);
      assert.strictEqual(r.status, 0);
      for (const word of ['asm', 'run', 'disasm', String(EXIT.limit), String(EXIT.usage)]) assert.ok(r.stdout.includes(word), `--help does not mention ${word}`);
    });
    it('no arguments prints the usage and exits 125', async function () {
      const r = await hyperstep([]);
      assert.strictEqual(r.status, EXIT.usage);
      assert.match(r.stdout, /Usage: hyperstep <command>/);
    });
  });

  describe('run, against QEMU', function () {
    before(function () {
      needTool(this, AS);
      needTool(this, LD);
      needTool(this, QEMU);
    });

    it('runs examples/hello/hello.s: the greeting, exit 0, as QEMU runs GNU’s build', async function () {
      const [ours, ref] = await Promise.all([hyperstep(['run', hello]), gnuExecutable(hello, dir).then((elf) => qemu('virt', elf))]);
      assert.strictEqual(ref.status, 0, `QEMU: ${ref.stderr}`);
      assert.ok(ref.stdout.includes('Hello from Hyperstep!'), `QEMU printed ${JSON.stringify(ref.stdout)}`);
      assert.strictEqual(ours.stdout, ref.stdout);
      assert.strictEqual(ours.status, 0, ours.stderr);
    });

    it('a guest failing through the test finisher with code N exits N', async function () {
      const src = program('exit-code.s');
      const [ours, ref] = await Promise.all([hyperstep(['run', src]), gnuExecutable(src, dir).then((elf) => qemu('virt', elf))]);
      assert.notStrictEqual(ref.status, 0, 'QEMU reports success: the program does not fail');
      assert.strictEqual(ours.status, ref.status, ours.stderr);
      assert.strictEqual(ours.stdout, ref.stdout);
    });

    it("picks the spike machine when the ELF defines 'tohost', with QEMU spike's output and exit status", async function () {
      const src = program('htif.s');
      const elf = await gnuExecutable(src, dir);
      const [fromSource, fromElf, ref] = await Promise.all([hyperstep(['run', src]), hyperstep(['run', elf]), qemu('spike', elf)]);
      assert.ok(ref.stdout.length > 0, `QEMU spike printed nothing (${ref.stderr})`);
      assert.notStrictEqual(ref.status, 0);
      for (const ours of [fromSource, fromElf]) {
        assert.strictEqual(ours.stdout, ref.stdout);
        assert.strictEqual(ours.status, ref.status, ours.stderr);
        assert.match(ours.stderr, /spike/);
      }
      // --machine virt overrides the choice: no HTIF there, so no output.
      const virt = await hyperstep(['run', '--machine', 'virt', '--max-insns', '200000', elf]);
      assert.strictEqual(virt.stdout, '');
      assert.strictEqual(virt.status, EXIT.limit, virt.stderr);
    });

    it('stdin reaches the UART: an echo program returns its input up to the q', async function () {
      const src = program('echo.s');
      const input = 'Hello, UART!\nsecond line\tq and the rest is never read';
      const [ours, ref] = await Promise.all([hyperstep(['run', src], { input }), gnuExecutable(src, dir).then((elf) => qemu('virt', elf, input))]);
      assert.strictEqual(ref.stdout, input.slice(0, input.indexOf('q')), `QEMU: ${ref.stderr}`);
      assert.strictEqual(ours.stdout, ref.stdout);
      assert.strictEqual(ours.status, ref.status, ours.stderr);
    });

    it('input that ends before the q leaves the polling guest running until --max-insns', async function () {
      const r = await hyperstep(['run', '--max-insns', '20000000', program('echo.s')], { input: 'abc' });
      assert.strictEqual(r.stdout, 'abc');
      assert.strictEqual(r.status, EXIT.limit, r.stderr);
    });
  });

  describe('asm, against GNU ld and QEMU', function () {
    before(function () {
      needTool(this, AS);
      needTool(this, LD);
      needTool(this, QEMU);
    });

    it('asm -o makes an executable QEMU runs with the output hyperstep run gives', async function () {
      const elf = path.join(dir, 'hello-ours.elf');
      const asm = await hyperstep(['asm', '-march=rv64gc', hello, '-o', elf]);
      assert.strictEqual(asm.status, 0, asm.stderr);
      const [ref, ours] = await Promise.all([qemu('virt', elf), hyperstep(['run', elf])]);
      assert.strictEqual(ref.status, 0, `QEMU: ${ref.stderr}`);
      assert.ok(ref.stdout.includes('Hello from Hyperstep!'), `QEMU printed ${JSON.stringify(ref.stdout)}`);
      assert.strictEqual(ours.stdout, ref.stdout);
      assert.strictEqual(ours.status, 0);
    });

    it('asm -c makes an object GNU ld links into a program QEMU runs', async function () {
      const obj = path.join(dir, 'hello-ours.o');
      const asm = await hyperstep(['asm', '-c', '-march=rv64gc', hello, '-o', obj]);
      assert.strictEqual(asm.status, 0, asm.stderr);
      const elf = path.join(dir, 'hello-gnu-linked.elf');
      const ld = await exec(LD, ['-Ttext', '0x80000000', '-o', elf, obj]);
      assert.strictEqual(ld.status, 0, `GNU ld rejects our object: ${ld.stderr}`);
      const [ref, gnu] = await Promise.all([qemu('virt', elf), gnuExecutable(hello, dir).then((e) => qemu('virt', e))]);
      assert.strictEqual(ref.status, 0, ref.stderr);
      assert.strictEqual(ref.stdout, gnu.stdout);
    });

    it('asm -c without -o writes IN.o next to the input', async function () {
      const src = path.join(dir, 'copy.s');
      fs.copyFileSync(program('exit-code.s'), src);
      const r = await hyperstep(['asm', '-c', src]);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.ok(fs.existsSync(path.join(dir, 'copy.o')), 'copy.o not written');
      const ld = await exec(LD, ['-Ttext', '0x80000000', '-o', path.join(dir, 'copy.elf'), path.join(dir, 'copy.o')]);
      assert.strictEqual(ld.status, 0, ld.stderr);
    });
  });

  describe('limits and errors', function () {
    it('--max-insns on an endless loop exits 124 and says so', async function () {
      const r = await hyperstep(['run', '--max-insns', '100000', program('forever.s')]);
      assert.strictEqual(r.status, EXIT.limit, r.stderr);
      assert.match(r.stderr, /^hyperstep: stopped after 100000 instructions \(--max-insns 100000\)/m);
    });

    const usageCases: { name: string; args: () => string[]; stderr: RegExp }[] = [
      { name: 'an unknown option', args: () => ['run', '--frobnicate', hello], stderr: /unknown option '--frobnicate'/ },
      { name: 'an option without its value', args: () => ['run', hello, '--max-insns'], stderr: /--max-insns' needs a value/ },
      { name: 'a bad number', args: () => ['run', '--max-insns', 'lots', hello], stderr: /'lots' is not a number/ },
      { name: 'an unknown machine', args: () => ['run', '--machine', 'pdp11', hello], stderr: /unknown machine 'pdp11'/ },
      { name: 'an unknown command', args: () => ['frobnicate'], stderr: /unknown command 'frobnicate'/ },
      { name: 'a missing file (run)', args: () => ['run', path.join(dir, 'missing.s')], stderr: /cannot read '.*missing\.s': ENOENT/ },
      { name: 'a missing file (asm)', args: () => ['asm', path.join(dir, 'missing.s'), '-o', path.join(dir, 'x.elf')], stderr: /cannot read '.*missing\.s': ENOENT/ },
      { name: 'a missing file (disasm)', args: () => ['disasm', path.join(dir, 'missing.elf')], stderr: /cannot read '.*missing\.elf': ENOENT/ },
      { name: 'a garbage ELF (run)', args: () => ['run', garbage()], stderr: /^hyperstep: .*garbage\.elf: .+/m },
      { name: 'a garbage ELF (disasm)', args: () => ['disasm', garbage()], stderr: /^hyperstep: .*garbage\.elf: .+/m },
      { name: 'a truncated ELF (run)', args: () => ['run', truncated()], stderr: /^hyperstep: .*truncated\.elf: .+/m },
      { name: 'disasm of a non-ELF file', args: () => ['disasm', hello], stderr: /^hyperstep: .*hello\.s: .+/m },
    ];
    function garbage(): string {
      const f = path.join(dir, 'garbage.elf');
      fs.writeFileSync(f, Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.alloc(200, 0xa5)]));
      return f;
    }
    function truncated(): string {
      // The first 100 bytes of a real executable: a valid header whose tables lie past the end.
      const f = path.join(dir, 'truncated.elf');
      fs.writeFileSync(f, fs.readFileSync(path.join(dir, 'trunc-src.elf')).subarray(0, 100));
      return f;
    }
    before(async function () {
      // A real executable for the truncated-ELF case.
      const r = await hyperstep(['asm', hello, '-o', path.join(dir, 'trunc-src.elf')]);
      assert.strictEqual(r.status, 0, r.stderr);
    });

    // The cases run concurrently (each is a process start), then are checked one by one.
    const results = new Map<string, Ran>();
    before(async function () {
      const ran = await Promise.all(usageCases.map((c) => hyperstep(c.args())));
      usageCases.forEach((c, i) => results.set(c.name, ran[i]));
    });
    for (const c of usageCases) {
      it(`${c.name}: exit 125 with a message`, function () {
        const r = results.get(c.name)!;
        assert.strictEqual(r.status, EXIT.usage, `exit ${r.status}; stderr: ${r.stderr}`);
        assert.match(r.stderr, c.stderr);
        assert.doesNotMatch(r.stderr, /internal error:|^\s+at .+:\d+:\d+\)?$/m, 'an internal error or stack trace leaked');
      });
    }

    for (const command of ['run', 'asm']) {
      it(`assembler errors (${command}): exit 125, every error as FILE:LINE:COL`, async function () {
        const src = program('bad.s');
        const args = command === 'asm' ? ['asm', src, '-o', path.join(dir, 'bad.elf')] : ['run', src];
        const r = await hyperstep(args);
        assert.strictEqual(r.status, EXIT.usage, r.stderr);
        // The lines GNU as reports errors on are the lines we must report.
        const gnu = await exec(AS, ['-o', path.join(dir, 'bad.o'), src]);
        if (gnu.status === 0) assert.fail('GNU as accepts bad.s');
        const gnuLines = [...gnu.stderr.matchAll(/:(\d+): Error:/g)].map((m) => Number(m[1]));
        const ours = [...r.stderr.matchAll(/bad\.s:(\d+):(\d+): error: /g)].map((m) => Number(m[1]));
        assert.ok(gnuLines.length > 0, gnu.stderr);
        assert.deepStrictEqual(ours, gnuLines, `stderr: ${r.stderr}`);
        if (command === 'asm') assert.ok(!fs.existsSync(path.join(dir, 'bad.elf')), 'an output was written despite errors');
      });
    }
  });

  describe('disasm', function () {
    it('lists an executable built by asm, and -M no-aliases changes the mnemonics', async function () {
      const elf = path.join(dir, 'dis.elf');
      assert.strictEqual((await hyperstep(['asm', '-march=rv64gc', hello, '-o', elf])).status, 0);
      const [plain, raw] = await Promise.all([hyperstep(['disasm', elf]), hyperstep(['disasm', '-M', 'no-aliases', elf])]);
      assert.strictEqual(plain.status, 0, plain.stderr);
      assert.strictEqual(raw.status, 0, raw.stderr);
      assert.match(plain.stdout, /<_start>:/);
      assert.match(plain.stdout, /\tret\b/);
      assert.match(raw.stdout, /\tc\.jr\tra\b/);
    });
    it('an unknown -M option is a usage error', async function () {
      const r = await hyperstep(['disasm', '-M', 'intel', hello]);
      assert.strictEqual(r.status, EXIT.usage);
      assert.match(r.stderr, /unknown disassembler option 'intel'/);
    });
  });
});
