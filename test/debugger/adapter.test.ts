/**
 * The debug adapter over DAP, on assembly programs built on the fly: traps
 * into an M-mode handler, the trap-chain stack, stepping over ecalls,
 * exception filters, breakpoints of every kind, data breakpoints, reverse
 * execution, variables, memory, disassembly and evaluation.
 */
import * as assert from 'assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { evaluate, frames, launchAndStop, program, resume, startClient, top, value } from './client';

const TRAPS = program('traps.s');

describe('debug adapter: trap-aware debugging of an assembly program', function () {
  this.timeout(60000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('stops on entry at _start in M-mode, mapped to the source line', async () => {
    const s = await launchAndStop(dc, { program: TRAPS, stopOnEntry: true });
    assert.strictEqual(s.body.reason, 'entry');
    const t = await top(dc);
    assert.strictEqual(t.name, '[M] _start');
    assert.strictEqual(t.line, 6);
    assert.strictEqual(t.file, TRAPS);
    const threads = await dc.threadsRequest();
    assert.deepStrictEqual(threads.body.threads.map((x) => x.name), ['hart 0 [M]']);
  });

  it('stops on a privileged instruction (illegal in U-mode) with the trap chain as the stack', async () => {
    const s = await launchAndStop(dc, { program: TRAPS }, () => dc.setExceptionBreakpointsRequest({ filters: ['illegal'] }));
    assert.strictEqual(s.body.reason, 'exception');
    assert.match(s.body.description ?? '', /illegal instruction/);
    const f = await frames(dc);
    assert.deepStrictEqual(f.map((x) => [x.name, x.line]), [
      ['[M] handler (illegal instruction)', 40],
      ['[U] user+0x8', 22],
    ]);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.match(info.body.description ?? '', /illegal instruction: U → M/);
    assert.strictEqual(await value(dc, 'mcause'), 2n);
    assert.strictEqual(await value(dc, 'mtval'), 0x30002673n); // the csrr a2, mstatus word
    assert.strictEqual(await value(dc, 'mstatus.MPP'), 0n);
  });

  it('stepIn from the privileged instruction enters the M-mode handler; stepOut returns to U-mode after it', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 22 }] }));
    assert.deepStrictEqual(await top(dc), { name: '[U] user+0x8', line: 22, file: TRAPS, pc: '0x80000048' });
    const s = await resume(dc, () => dc.stepInRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'step');
    assert.deepStrictEqual((await frames(dc)).map((x) => x.name), ['[M] handler (illegal instruction)', '[U] user+0x8']);
    assert.strictEqual((await dc.threadsRequest()).body.threads[0].name, 'hart 0 [M]');
    await resume(dc, () => dc.stepOutRequest({ threadId: 1 }));
    const t = await top(dc);
    assert.deepStrictEqual([t.name, t.line], ['[U] user+0xc', 23]);
    assert.strictEqual((await frames(dc)).length, 1);
  });

  it('next over an ecall runs the handler and stops after the return, in U-mode', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 25 }] }));
    assert.strictEqual((await top(dc)).line, 25);
    const s = await resume(dc, () => dc.nextRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'step');
    const f = await frames(dc);
    assert.deepStrictEqual(f.map((x) => [x.name, x.line]), [['[U] user+0x18', 26]]);
    assert.strictEqual(await value(dc, 'a0'), 3n);
    assert.strictEqual(await value(dc, 'priv'), 0n);
  });

  it('next over an ecall still stops at a breakpoint inside the handler', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 25 }] }));
    await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 25 }, { line: 47 }] });
    const s = await resume(dc, () => dc.nextRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'breakpoint');
    const f = await frames(dc);
    assert.deepStrictEqual(f.map((x) => [x.name, x.line]), [['[M] syscall (environment call from U-mode)', 47], ['[U] user+0x14', 25]]);
  });

  it('a conditional exception filter skips traps whose condition is false', async () => {
    const s = await launchAndStop(dc, { program: TRAPS }, () =>
      dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'all', condition: 'cause == 8 && a7 == 93' }] }),
    );
    assert.strictEqual(s.body.reason, 'exception');
    assert.match(s.body.description ?? '', /environment call from U-mode/);
    assert.strictEqual(await value(dc, 'mcause'), 8n);
    assert.strictEqual(await value(dc, 'a7'), 93n);
    // The second ecall (a7 = 94, exit) does not match: the program runs to its end.
    const done = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await done;
  });

  it('rejects an exception filter with a malformed condition or an unknown filter', async () => {
    await launchAndStop(dc, { program: TRAPS, stopOnEntry: true });
    const r = await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'ecall', condition: 'cause ==' }] });
    assert.strictEqual(r.body?.breakpoints?.[0].verified, false);
    assert.match(r.body?.breakpoints?.[0].message ?? '', /condition/);
    await assert.rejects(dc.setExceptionBreakpointsRequest({ filters: ['nonsense'] }), /unknown exception filter/);
  });

  it('binds a breakpoint on a label line to the next instruction; function and instruction breakpoints', async () => {
    await launchAndStop(dc, { program: TRAPS, stopOnEntry: true });
    const r = await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 19 }, { line: 1000 }] });
    assert.strictEqual(r.body.breakpoints[0].verified, true);
    assert.strictEqual(r.body.breakpoints[0].line, 20);
    assert.strictEqual(r.body.breakpoints[1].verified, false);
    const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'leaf' }, { name: 'nosuch' }] });
    assert.deepStrictEqual(fb.body.breakpoints.map((b) => b.verified), [true, false]);
    let s = await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'breakpoint');
    assert.strictEqual((await top(dc)).name, '[U] user');
    s = await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'function breakpoint');
    assert.strictEqual((await top(dc)).name, '[U] leaf');
    const ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x8000008c' }] });
    assert.strictEqual(ib.body.breakpoints[0].verified, true);
    s = await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'instruction breakpoint');
    assert.strictEqual((await top(dc)).pc, '0x8000008c');
  });

  it('honours breakpoint conditions, hit counts and logpoints', async () => {
    await launchAndStop(dc, { program: TRAPS, stopOnEntry: true });
    // The handler's first instruction runs three times (illegal, ecall, exit ecall).
    const outputs: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => outputs.push(e.body.output));
    await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 40, hitCondition: '2' }, { line: 26, logMessage: 'a0 is {a0}' }] });
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(await value(dc, 'mcause'), 8n, 'the second hit is the first ecall');
    await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 40, condition: 'a7 == 94' }, { line: 26, logMessage: 'a0 is {a0}' }] });
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(await value(dc, 'a7'), 94n);
    assert.ok(outputs.some((o) => o === 'a0 is 0x3\n'), `logpoint output missing: ${JSON.stringify(outputs)}`);
  });

  it('stops on a data breakpoint after the store that writes the watched symbol', async () => {
    await launchAndStop(dc, { program: TRAPS, stopOnEntry: true });
    const info = await dc.dataBreakpointInfoRequest({ name: 'counter' });
    assert.ok(info.body.dataId);
    const set = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    const s = await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'data breakpoint');
    assert.strictEqual(await value(dc, '*(u64*)counter'), 13n);
    assert.strictEqual((await top(dc)).line, 29);
  });

  it('steps back across a trap and reverse-continues to an earlier breakpoint', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 22 }] }));
    await resume(dc, () => dc.stepInRequest({ threadId: 1 }));
    assert.strictEqual((await top(dc)).name, '[M] handler (illegal instruction)');
    let s = await resume(dc, () => dc.stepBackRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'step');
    assert.deepStrictEqual((await frames(dc)).map((x) => [x.name, x.line]), [['[U] user+0x8', 22]]);
    assert.strictEqual(await value(dc, 'priv'), 0n);
    await resume(dc, () => dc.stepBackRequest({ threadId: 1 }));
    assert.strictEqual((await top(dc)).line, 21);
    // Forward again past the breakpoint, to after the first ecall.
    await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 22 }, { line: 26 }] });
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual((await top(dc)).line, 26);
    assert.strictEqual(await value(dc, 'a0'), 3n);
    s = await resume(dc, () => dc.reverseContinueRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'breakpoint');
    assert.strictEqual((await top(dc)).line, 22);
    assert.strictEqual(await value(dc, 'a0'), 1n);
    assert.strictEqual(await value(dc, 'a1'), 2n);
  });

  it('shows every scope: registers, FP, CSR groups with fields, virtualization, trap history', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setExceptionBreakpointsRequest({ filters: ['ecall'] }));
    const scopes = (await dc.scopesRequest({ frameId: 0 })).body.scopes;
    assert.deepStrictEqual(scopes.map((s) => s.name), ['Registers', 'FP Registers', 'CSRs', 'Virtualization', 'Trap history']);
    const vars = async (ref: number) => (await dc.variablesRequest({ variablesReference: ref })).body.variables;
    const regs = await vars(scopes[0].variablesReference);
    assert.strictEqual(regs.length, 33);
    assert.deepStrictEqual(regs.slice(0, 3).map((v) => v.name), ['pc', 'zero', 'ra']);
    assert.strictEqual(regs.find((v) => v.name === 'a7')!.value, '0x5d');
    // Edit a register.
    const set = await dc.setVariableRequest({ variablesReference: scopes[0].variablesReference, name: 'a0', value: '0x1234 + 1' });
    assert.strictEqual(set.body.value, '0x1235');
    assert.strictEqual(await value(dc, 'a0'), 0x1235n);
    const fp = await vars(scopes[1].variablesReference);
    assert.strictEqual(fp.length, 32);
    const groups = await vars(scopes[2].variablesReference);
    assert.deepStrictEqual(groups.map((g) => g.name), ['machine', 'supervisor', 'hypervisor', 'virtual supervisor', 'user / floating point']);
    const machine = await vars(groups[0].variablesReference);
    const mstatus = machine.find((v) => v.name === 'mstatus')!;
    assert.ok(mstatus.variablesReference > 0);
    const fields = await vars(mstatus.variablesReference);
    const mpp = fields.find((f) => f.name === 'MPP')!;
    assert.strictEqual(mpp.value, '0x0');
    const mcause = machine.find((v) => v.name === 'mcause')!;
    assert.strictEqual(mcause.value, '0x8');
    // Edit a CSR field: mstatus.MPP = 3.
    const r = await dc.setVariableRequest({ variablesReference: mstatus.variablesReference, name: 'MPP', value: '3' });
    assert.strictEqual(r.body.value, '0x3');
    assert.strictEqual(await value(dc, 'mstatus.MPP'), 3n);
    const virt = await vars(scopes[3].variablesReference);
    assert.match(virt.find((v) => v.name === 'privilege')!.value, /^M/);
    assert.match(virt.find((v) => v.name === 'V')!.value, /^0/);
    const history = await vars(scopes[4].variablesReference);
    assert.deepStrictEqual(history.map((h) => h.value.split(' (')[0].split(' ')[0]), ['environment', 'mret', 'illegal', 'mret']);
    const detail = await vars(history[0].variablesReference);
    assert.match(detail.find((d) => d.name === 'cause')!.value, /^8 /);
    // The older frame (U-mode, where the ecall was) has a trap scope.
    const older = (await dc.scopesRequest({ frameId: 1 })).body.scopes;
    assert.deepStrictEqual(older.map((s) => s.name), ['Trap into M']);
  });

  it('reads and writes memory, disassembles around the pc and evaluates expressions and console commands', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 22 }] }));
    const counter = await value(dc, 'counter');
    const w = await dc.customRequest('writeMemory', { memoryReference: '0x' + counter.toString(16), data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).toString('base64') });
    assert.strictEqual(w.body.bytesWritten, 8);
    const r = await dc.customRequest('readMemory', { memoryReference: '0x' + counter.toString(16), offset: 2, count: 4 });
    assert.deepStrictEqual([...Buffer.from(r.body.data, 'base64')], [3, 4, 5, 6]);
    assert.strictEqual(await value(dc, '*(u64*)counter'), 0x0807060504030201n);
    assert.strictEqual(await value(dc, '*(u8*)(counter + 7) * 2 + 1'), 17n);
    const d = await dc.customRequest('disassemble', { memoryReference: '0x80000048', instructionOffset: -2, instructionCount: 5 });
    const insns = d.body.instructions as DebugProtocol.DisassembledInstruction[];
    assert.strictEqual(insns.length, 5);
    assert.strictEqual(insns[2].address, '0x80000048');
    assert.strictEqual(insns[2].instruction, 'csrr a2,mstatus');
    assert.strictEqual(insns[0].instruction, 'li a0,1');
    assert.strictEqual(insns[0].line, 20);
    assert.strictEqual(insns[0].symbol, 'user');
    assert.strictEqual(await evaluate(dc, 'a0 + a1 * 2'), '5');
    assert.strictEqual(await evaluate(dc, 'a0 - 2'), '0xffffffffffffffff (-1)');
    assert.strictEqual(await value(dc, 'mtvec == handler'), 1n);
    assert.match(await evaluate(dc, 'x/2gx counter', 'repl'), /0x0807060504030201 0x0000000000000000/);
    assert.match(await evaluate(dc, 'x/1i pc', 'repl'), /csrr\s+a2,mstatus/);
    assert.match(await evaluate(dc, 'translate pc', 'repl'), /Bare|bare/);
    assert.match(await evaluate(dc, 'traps', 'repl'), /mret\s+M→U/);
    await assert.rejects(dc.evaluateRequest({ expression: 'nosuchname + 1', context: 'watch' }), /unknown name 'nosuchname'/);
    await assert.rejects(dc.evaluateRequest({ expression: '(a0 + ', context: 'watch' }), /expression ends too early/);
    await assert.rejects(dc.customRequest('readMemory', { memoryReference: 'sp', count: 4 }), /not an address/);
  });

  it('goto moves the pc to a line (gotoTargets/goto)', async () => {
    await launchAndStop(dc, { program: TRAPS }, () => dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 22 }] }));
    const t = await dc.customRequest('gotoTargets', { source: { path: TRAPS }, line: 23 });
    assert.strictEqual(t.body.targets.length, 1);
    const s = await resume(dc, () => dc.customRequest('goto', { threadId: 1, targetId: t.body.targets[0].id }));
    assert.strictEqual(s.body.reason, 'goto');
    assert.strictEqual((await top(dc)).line, 23);
    // The illegal instruction was skipped: no trap before the first ecall.
    await dc.setExceptionBreakpointsRequest({ filters: ['all'] });
    await resume(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(await value(dc, 'mcause'), 8n);
  });

  it('sends batched trap events as the custom hyperstep/trapEvents event', async () => {
    const events: { kind: string; name: string; from: string; to: string }[] = [];
    dc.on('hyperstep/trapEvents', (e: DebugProtocol.Event) => events.push(...e.body.events));
    await launchAndStop(dc, { program: TRAPS }, () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'leaf' }] }));
    assert.deepStrictEqual(events.map((e) => `${e.kind} ${e.from}→${e.to}`), ['return M→U', 'trap U→M', 'return M→U', 'trap U→M', 'return M→U']);
    assert.strictEqual(events[1].name, 'illegal instruction');
  });
});
