/**
 * The adapter under bad input and runaway guests: launch attribute errors,
 * requests out of order or malformed, a guest that never stops (pause,
 * terminate, no process left behind), and console I/O through the debug console.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ADAPTER, launchAndStop, program, resume, SMALL, startClient, top, value } from './client';

describe('debug adapter: robustness', function () {
  this.timeout(60000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  async function launchError(args: Record<string, unknown>): Promise<string> {
    await dc.initializeRequest();
    try {
      await dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('launch succeeded');
  }

  it('rejects launch attributes with a clear message', async () => {
    assert.match(await launchError({}), /'program' must be the path/);
  });
  it('rejects a mode that is not available yet, and unknown modes', async () => {
    assert.match(await launchError({ program: program('traps.s'), mode: 'hardware-assisted' }), /mode 'hardware-assisted' is not available yet.*emulate/);
  });
  it('rejects an unknown virtualization mode', async () => {
    assert.match(await launchError({ program: program('traps.s'), mode: 'magic' }), /'mode' must be one of emulate, /);
  });
  it('rejects bad machine options and maxInstructions', async () => {
    assert.match(await launchError({ program: program('traps.s'), machine: { ramMiB: 4, cores: 2 } }), /unknown machine option\(s\) cores/);
  });
  it('rejects a missing program file', async () => {
    assert.match(await launchError({ program: program('does-not-exist.s') }), /cannot read program .*ENOENT/);
  });
  it('reports assembly errors of the program', async () => {
    assert.match(await launchError({ program: program('prog.c') }), /does not build/);
  });
  it('rejects maxInstructions that is not a non-negative integer', async () => {
    assert.match(await launchError({ program: program('traps.s'), maxInstructions: -5 }), /maxInstructions/);
  });

  it('answers out-of-order and malformed requests with errors', async () => {
    await dc.initializeRequest();
    await assert.rejects(dc.stackTraceRequest({ threadId: 1 }), /no program is being debugged/);
    await assert.rejects(dc.continueRequest({ threadId: 1 }), /no program is being debugged/);
    await assert.rejects(dc.customRequest('frobnicate', {}), /unknown request 'frobnicate'/);
    await launchAndStop(dc, { program: program('traps.s'), stopOnEntry: true });
    await assert.rejects(dc.launchRequest({ program: program('traps.s') } as DebugProtocol.LaunchRequestArguments), /already/);
    await assert.rejects(dc.setBreakpointsRequest({ source: {}, breakpoints: [{ line: 3 }] }), /source.path/);
    await assert.rejects(dc.variablesRequest({ variablesReference: 999999 }), /unknown variablesReference/);
    await assert.rejects(dc.customRequest('disassemble', { memoryReference: 'nowhere', instructionCount: 3 }), /not an address/);
    await assert.rejects(dc.pauseRequest({ threadId: 1 }), /not running/);
    // Still usable afterwards.
    assert.strictEqual((await top(dc)).name, '[M] _start');
  });

  it('pauses a guest that loops forever, steps it, and terminates it', async () => {
    await launchAndStop(dc, { program: program('loop.s'), stopOnEntry: true });
    await dc.continueRequest({ threadId: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(dc.stackTraceRequest({ threadId: 1 }), /running/);
    const s = await resume(dc, () => dc.pauseRequest({ threadId: 1 }));
    assert.strictEqual(s.body.reason, 'pause');
    const a0 = await value(dc, 'a0');
    assert.ok(a0 > 1000n, `the guest ran (a0 = ${a0})`);
    await resume(dc, () => dc.nextRequest({ threadId: 1 }));
    const terminated = dc.waitForEvent('terminated');
    await dc.terminateRequest({});
    await terminated;
  });

  it('stops a runaway guest after maxInstructions', async () => {
    const s = await launchAndStop(dc, { program: program('loop.s'), maxInstructions: 200000 });
    assert.strictEqual(s.body.reason, 'pause');
    assert.match(s.body.description ?? '', /maxInstructions/);
  });

  it('shows guest console output and sends debug-console input to the guest', async () => {
    const out: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'stdout') out.push(e.body.output);
    });
    await launchAndStop(dc, { program: program('echo.s'), stopOnEntry: true });
    await dc.continueRequest({ threadId: 1 });
    const deadline = Date.now() + 10000;
    while (!out.join('').includes('ready> ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(out.join(''), 'ready> ');
    await dc.evaluateRequest({ expression: '> hi there', context: 'repl' });
    while (!out.join('').includes('hi there\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(out.join(''), 'ready> hi there\n');
    const exited = dc.waitForEvent('exited');
    await dc.evaluateRequest({ expression: '> q', context: 'repl' });
    assert.strictEqual(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
  });
});

describe('debug adapter process', function () {
  this.timeout(30000);
  it('exits after disconnect, leaving no process behind, even with the guest running', async () => {
    const child = spawn('node', [ADAPTER], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let seq = 1;
    const send = (command: string, args: unknown) => {
      const json = JSON.stringify({ seq: seq++, type: 'request', command, arguments: args });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    };
    let buf = '';
    const seen = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('"event":"initialized"')) send('configurationDone', {});
        if (buf.includes('"command":"launch"')) resolve();
      });
    });
    send('initialize', { adapterID: 'hyperstep' });
    send('launch', { program: program('loop.s'), machine: SMALL });
    await seen;
    await new Promise((r) => setTimeout(r, 200));
    send('disconnect', {});
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10000))]);
    if (code === 'still running') child.kill('SIGKILL');
    assert.strictEqual(code, 0);
  });
});
