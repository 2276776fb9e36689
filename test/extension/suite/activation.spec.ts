import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { metrics } from './index';
import { extensionApi, openFile } from './helpers';

describe('activation', () => {
  it('activates when a RISC-V assembly file opens', async () => {
    const ext = vscode.extensions.getExtension('hyperstep.hyperstep');
    assert.ok(ext, 'extension hyperstep.hyperstep is installed');
    const editor = await openFile('trap.s');
    assert.strictEqual(editor.document.languageId, 'riscv-asm');
    const api = await extensionApi();
    assert.ok(ext.isActive);
    metrics.activationMs = api.activationMs;
    console.log(`activation took ${api.activationMs} ms`);
  });

  it('registers every command the manifest contributes', async () => {
    await extensionApi();
    const ext = vscode.extensions.getExtension('hyperstep.hyperstep')!;
    const declared = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(declared.length >= 7);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(declared.filter((c) => !registered.has(c)), []);
  });

  it('hyperstep.selectMode sets the mode setting and refuses unknown modes', async () => {
    await extensionApi();
    const cfg = () => vscode.workspace.getConfiguration('hyperstep');
    const before = cfg().get<string>('mode');
    try {
      assert.strictEqual(await vscode.commands.executeCommand('hyperstep.selectMode', 'paravirt'), 'paravirt');
      assert.strictEqual(cfg().get('mode'), 'paravirt');
      assert.strictEqual(await vscode.commands.executeCommand('hyperstep.selectMode', 'no-such-mode'), undefined);
      assert.strictEqual(cfg().get('mode'), 'paravirt');
    } finally {
      await cfg().update('mode', before === 'emulate' ? undefined : before, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('offers the hyperstep: assemble task, and running it writes an ELF', async function () {
    await extensionApi();
    const tasks = await vscode.tasks.fetchTasks({ type: 'hyperstep' });
    const assemble = tasks.find((t) => t.name === 'assemble');
    assert.ok(assemble, `tasks offered: ${tasks.map((t) => t.name).join(', ')}`);
    // Runs against the active editor's file (${file}).
    const editor = await openFile('hello.s');
    const elf = editor.document.uri.fsPath.replace(/\.s$/, '.elf');
    fs.rmSync(elf, { force: true });
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type === 'hyperstep') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(assemble);
    assert.strictEqual(await ended, 0);
    const head = fs.readFileSync(elf).subarray(0, 4);
    assert.strictEqual(head.toString('latin1'), '\x7fELF', `${path.basename(elf)} is an ELF file`);
  });
});
