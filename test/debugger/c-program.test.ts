/**
 * Source-level debugging of a C program compiled by GCC with -g (DWARF line
 * rows) and linked with picolibc for the virt board: line breakpoints,
 * stepping by lines into and over functions, console output.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { needTool, run, tempDir } from '../support/tools';
import { ROOT, launchAndStop, program, resume, startClient, top, value } from './client';

const C_FLAGS = ['-g', '-O0', '-march=rv64imafdc', '-mabi=lp64d', '-mcmodel=medany', '-specs=picolibc.specs', '--crt0=hosted',
  '-Wl,--defsym=__flash=0x80000000', '-Wl,--defsym=__flash_size=0x200000', '-Wl,--defsym=__ram=0x80200000', '-Wl,--defsym=__ram_size=0x200000'];

describe('debug adapter: a GCC -g C program', function () {
  this.timeout(120000);
  let dir = '';
  let elf = '';
  const src = program('prog.c');
  let dc: DebugClient;

  before(function () {
    const gcc = needTool(this, 'riscv64-unknown-elf-gcc');
    dir = tempDir('dap-c');
    elf = path.join(dir, 'prog.elf');
    run(gcc, [...C_FLAGS, src, path.join(ROOT, 'examples', 'c', 'virt.c'), '-o', elf], { timeoutMs: 120000 });
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('stops at line breakpoints in main and in a function, with C source mapping', async () => {
    const out: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'stdout') out.push(e.body.output);
    });
    await launchAndStop(dc, { program: elf }, () => dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: 12 }] }));
    let t = await top(dc);
    assert.strictEqual(t.file, src);
    assert.strictEqual(t.line, 12);
    assert.match(t.name, /^\[M\] main\+0x/);
    assert.strictEqual(await value(dc, '*(u32*)total'), 0n);
    // Step into square(i): the line of its first statement.
    await resume(dc, () => dc.stepInRequest({ threadId: 1 }));
    t = await top(dc);
    assert.match(t.name, /\[M\] square/);
    assert.ok(t.line >= 3 && t.line <= 4, `line ${t.line}`);
    // Over to the return, and out again to main.
    await resume(dc, () => dc.nextRequest({ threadId: 1 }));
    assert.ok((await top(dc)).line >= 4);
    await resume(dc, () => dc.stepOutRequest({ threadId: 1 }));
    t = await top(dc);
    assert.match(t.name, /main/);
    // Next over the call stays in main; the loop comes back to line 12 with total = 0 + 1.
    await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: 12, condition: '*(u32*)total == 5' }] });
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual((await top(dc)).line, 12);
    assert.strictEqual(await value(dc, '*(u32*)total'), 5n);
    await resume(dc, () => dc.nextRequest({ threadId: 1 }));
    t = await top(dc);
    assert.match(t.name, /main/);
    assert.ok([11, 12].includes(t.line), `line ${t.line}`);
    await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [] });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    assert.strictEqual(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    assert.strictEqual(out.join(''), 'total=14\n');
  });
});
