import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, lineOf, needTool, openFile, runTool, skipWith, waitFor, workspaceFile } from './helpers';

interface Caps {
  hoverProvider?: unknown;
  completionProvider?: unknown;
  definitionProvider?: unknown;
  documentSymbolProvider?: unknown;
  documentFormattingProvider?: unknown;
}

describe('language features (language server)', () => {
  let caps: Caps = {};

  before(async function () {
    const api = await extensionApi();
    await api.serverReady;
    const s = api.server();
    if (s.state !== 'running') skipWith(this, `the language server is not running: ${s.error ?? s.state}`);
    caps = (s.capabilities ?? {}) as Caps;
  });

  function need(ctx: Mocha.Context, cap: keyof Caps) {
    if (!caps[cap]) skipWith(ctx, `the language server does not offer ${cap} yet`);
  }

  it('reports an assembly error where GNU as reports it', async function () {
    const as = needTool(this, 'riscv64-unknown-elf-as');
    const uri = workspaceFile('broken.s');
    const gnu = runTool(as, ['-march=rv64gc', '-o', '/dev/null', uri.fsPath]);
    assert.notStrictEqual(gnu.status, 0, 'GNU as rejects broken.s');
    const gnuLines = [...gnu.stderr.matchAll(/broken\.s:(\d+): Error/g)].map((m) => Number(m[1]) - 1);
    assert.ok(gnuLines.length > 0, gnu.stderr);
    await openFile('broken.s');
    const diags = await waitFor('diagnostics on broken.s', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual([...new Set(diags.map((d) => d.range.start.line))].sort(), [...new Set(gnuLines)].sort());
  });

  it('reports no error in a program GNU as accepts', async function () {
    const as = needTool(this, 'riscv64-unknown-elf-as');
    const uri = workspaceFile('trap.s');
    assert.strictEqual(runTool(as, ['-march=rv64gc', '-o', '/dev/null', uri.fsPath]).status, 0);
    await openFile('trap.s');
    // Give the server time to publish; an error appearing later would fail the suite elsewhere too.
    await new Promise((r) => setTimeout(r, 1000));
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.message), []);
  });

  it('hovers an instruction with its description', async function () {
    need(this, 'hoverProvider');
    const editor = await openFile('trap.s');
    const text = editor.document.getText();
    const line = lineOf(text, /^\s+csrr\s+a0, mstatus/);
    const col = editor.document.lineAt(line).text.indexOf('csrr') + 1;
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, col));
      return h?.length ? h : undefined;
    });
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /csrr/i);
    assert.match(md, /mstatus|CSR|control and status/i);
  });

  it('completes instruction mnemonics', async function () {
    need(this, 'completionProvider');
    const editor = await openFile('trap.s');
    const line = lineOf(editor.document.getText(), /^user_code:/) + 1;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, 4));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const m of ['addi', 'csrr', 'ecall', 'mret']) assert.ok(labels.includes(m), `${m} among ${labels.length} completions`);
  });

  it('goes to a label definition', async function () {
    need(this, 'definitionProvider');
    const editor = await openFile('trap.s');
    const text = editor.document.getText();
    const use = lineOf(text, /la\s+t0, trap_handler/);
    const def = lineOf(text, /^trap_handler:/);
    const col = editor.document.lineAt(use).text.indexOf('trap_handler') + 2;
    const locs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, new vscode.Position(use, col));
    const lines = locs.map((l) => ('targetRange' in l ? l.targetRange.start.line : l.range.start.line));
    assert.deepStrictEqual(lines, [def]);
  });

  it('lists the labels as document symbols', async function () {
    need(this, 'documentSymbolProvider');
    const editor = await openFile('trap.s');
    const expected = [...editor.document.getText().matchAll(/^([A-Za-z_][\w.]*):/gm)].map((m) => m[1]);
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const names = new Set<string>();
    const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation) => {
      names.add(s.name);
      if ('children' in s) s.children.forEach(walk);
    };
    symbols.forEach(walk);
    for (const e of expected) assert.ok(names.has(e), `symbol ${e} among ${[...names].join(', ')}`);
  });

  it('formats, and offers no formatting when hyperstep.format.enable is off', async function () {
    need(this, 'documentFormattingProvider');
    const doc = await vscode.workspace.openTextDocument({ language: 'riscv-asm', content: '_start:\naddi   a0,a0,1\n      ret\n' });
    const opts = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, opts);
    assert.ok(edits && edits.length > 0, 'the badly laid out document gets edits');
    const cfg = vscode.workspace.getConfiguration('hyperstep');
    await cfg.update('format.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      const none = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, opts);
      assert.deepStrictEqual(none ?? [], []);
    } finally {
      await cfg.update('format.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
