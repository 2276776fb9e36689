import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, lineOf, openFile, skipWith, waitFor, workspaceFile } from './helpers';

/** Sends DAP initialize to the bundled adapter: its answer, or why there is none. */
function probeAdapter(adapter: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [adapter], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const done = (why: string | undefined) => {
      clearTimeout(t);
      p.kill();
      resolve(why);
    };
    const t = setTimeout(() => done(`no answer to initialize within 10 s${err ? `: ${err.trim()}` : ''}`), 10_000);
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const body = /\r\n\r\n(\{.*\})/s.exec(out)?.[1];
      let r: { command?: string; success?: boolean; message?: string } | undefined;
      try {
        r = body ? JSON.parse(body) : undefined;
      } catch {
        r = undefined; // not all of it has arrived yet
      }
      if (r?.command === 'initialize') done(r.success ? undefined : `initialize failed: ${r.message}`);
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('exit', (code) => done(`the adapter exited (${code}) without answering initialize${err ? `: ${err.trim()}` : ''}`));
    const msg = JSON.stringify({ seq: 1, type: 'request', command: 'initialize', arguments: { adapterID: 'hyperstep', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
  });
}

interface Stop {
  reason: string;
  threadId: number;
}

describe('debugging (debug adapter)', () => {
  const stops: Stop[] = [];
  let trackerSub: vscode.Disposable | undefined;

  before(async function () {
    await extensionApi();
    const ext = vscode.extensions.getExtension('hyperstep.hyperstep')!;
    const problem = await probeAdapter(path.join(ext.extensionPath, 'dist', 'debugger.js'));
    if (problem) skipWith(this, `the debug adapter cannot debug yet: ${problem}`);
    trackerSub = vscode.debug.registerDebugAdapterTrackerFactory('hyperstep', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { reason: string; threadId: number } }) => {
          if (m.type === 'event' && m.event === 'stopped' && m.body) stops.push(m.body);
        },
      }),
    });
  });

  after(async () => {
    trackerSub?.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
  });

  it('stops at a breakpoint on a privileged instruction, steps into the trap, and shows the CSRs', async function () {
    const api = await extensionApi();
    const editor = await openFile('trap.s');
    const text = editor.document.getText();
    const bpLine = lineOf(text, /^\s+csrr\s+a0, mstatus/);
    const handlerLine = lineOf(text, /^trap_handler:/) + 1;
    const uri = workspaceFile('trap.s');
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(bpLine, 0)))]);
    stops.length = 0;

    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], {
      type: 'hyperstep',
      request: 'launch',
      name: 'integration: trap.s',
      program: uri.fsPath,
      mode: 'emulate',
    });
    assert.ok(started, 'the session started');
    const session = await waitFor('the hyperstep session', () => (vscode.debug.activeDebugSession?.type === 'hyperstep' ? vscode.debug.activeDebugSession : undefined));
    const stop1 = await waitFor('a stop', () => stops[0]);
    assert.strictEqual(stop1.reason, 'breakpoint');

    const topLine = async (threadId: number) => {
      const st = (await session.customRequest('stackTrace', { threadId, startFrame: 0, levels: 1 })) as { stackFrames: { id: number; line: number; source?: { path?: string } }[] };
      return st.stackFrames[0];
    };
    const f1 = await topLine(stop1.threadId);
    assert.strictEqual(f1.line - 1, bpLine, 'stopped on the csrr line');

    await session.customRequest('stepIn', { threadId: stop1.threadId });
    const stop2 = await waitFor('the stop after stepping in', () => stops[1]);
    const f2 = await topLine(stop2.threadId);
    assert.strictEqual(f2.line - 1, handlerLine, 'the step went into the trap handler');

    const { scopes } = (await session.customRequest('scopes', { frameId: f2.id })) as { scopes: { name: string; variablesReference: number }[] };
    const csrScope = scopes.find((s) => /csr/i.test(s.name));
    assert.ok(csrScope, `a CSR scope among ${scopes.map((s) => s.name).join(', ')}`);
    // CSRs may be grouped: search two levels for mcause.
    const find = async (ref: number, name: string, depth = 2): Promise<string | undefined> => {
      const { variables } = (await session.customRequest('variables', { variablesReference: ref })) as { variables: { name: string; value: string; variablesReference: number }[] };
      const hit = variables.find((v) => v.name === name);
      if (hit) return hit.value;
      if (depth === 0) return undefined;
      for (const v of variables) if (v.variablesReference) {
        const r = await find(v.variablesReference, name, depth - 1);
        if (r !== undefined) return r;
      }
      return undefined;
    };
    const mcause = await find(csrScope.variablesReference, 'mcause');
    assert.ok(mcause !== undefined, 'mcause is shown');
    // Illegal instruction is exception code 2 (privileged spec, table "mcause values").
    assert.strictEqual(Number(BigInt(mcause.split(/\s/)[0])), 2, `mcause = ${mcause}`);

    // The adapter's hyperstep/trapEvents reached the extension, and Trap Flow draws them.
    const events = await waitFor('trap events', () => {
      const e = api.trapEvents(session.id) as { kind: string; from: string; to: string }[];
      return e.some((x) => x.kind === 'trap') ? e : undefined;
    });
    const trap = events.find((e) => e.kind === 'trap')!;
    assert.match(trap.from, /^U/);
    assert.match(trap.to, /^M/);
    await vscode.commands.executeCommand('hyperstep.openTrapFlow');
    const html = await waitFor('the trap flow drawing', () => (api.trapFlowHtml().includes('<svg') ? api.trapFlowHtml() : undefined));
    assert.match(html, /illegal instruction/i);
    assert.match(html, /Content-Security-Policy/);

    await vscode.debug.stopDebugging(session);
  });
});
