/**
 * The `hyperstep.*` commands. Each returns what it produced, so the
 * integration tests (and other extensions) can check it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { cliHasFlag, runCli, type CliResult } from './cli-runner';
import type { Ctx } from './ctx';
import { launchConfig, pickMode } from './debug/configuration-provider';
import type { DisassemblyProvider } from './disassembly';
import { elfPathFor } from './tasks';
import { targetFile } from './target';
import type { ComparePanel } from './webview/compare-panel';
import type { TrapFlowPanel } from './webview/trap-flow-panel';

export interface Views {
  disassembly: DisassemblyProvider;
  compare: ComparePanel;
  trapFlow: TrapFlowPanel;
}

export interface AssembleResult {
  ok: boolean;
  elf?: string;
  messages: string;
}

async function assemble(ctx: Ctx, source: string, elf: string): Promise<AssembleResult> {
  const r = await runCli(ctx.cliPath, ['asm', '--march', ctx.config.march, source, '-o', elf], { cwd: path.dirname(source), timeoutMs: 60_000 });
  return { ok: r.code === 0, elf: r.code === 0 ? elf : undefined, messages: (r.stderr + r.stdout).trim() };
}

export function registerCommands(ctx: Ctx, views: Views): void {
  const reg = (id: string, f: (...args: unknown[]) => unknown) => ctx.push(vscode.commands.registerCommand(id, f));

  reg('hyperstep.run', async (arg): Promise<CliResult | undefined> => {
    const uri = await targetFile(arg);
    if (!uri) return undefined;
    const out = ctx.output;
    out.show(true);
    const mode = ctx.config.mode;
    const args = ['run', '--march', ctx.config.march];
    // Pass the mode only to a CLI that understands it; say so when it does not.
    if (await cliHasFlag(ctx.cliPath, 'run', 'mode')) args.push('--mode', mode);
    else if (mode !== 'emulate') out.appendLine(`[hyperstep] note: the command-line runner has no --mode yet; running '${mode}' as 'emulate'.`);
    args.push(uri.fsPath);
    out.appendLine(`[hyperstep] run ${vscode.workspace.asRelativePath(uri)}`);
    const r = await runCli(ctx.cliPath, args, { cwd: path.dirname(uri.fsPath), onOutput: (t) => out.append(t) });
    out.appendLine(`\n[hyperstep] exited with ${r.code ?? 'no exit code (killed)'}`);
    return r;
  });

  reg('hyperstep.assemble', async (arg): Promise<AssembleResult | undefined> => {
    const uri = await targetFile(arg);
    if (!uri) return undefined;
    const elf = elfPathFor(uri.fsPath);
    const r = await assemble(ctx, uri.fsPath, elf);
    if (r.ok) void vscode.window.showInformationMessage(`Hyperstep: wrote ${vscode.workspace.asRelativePath(elf)}`);
    else {
      ctx.output.appendLine(r.messages);
      void vscode.window.showErrorMessage(`Hyperstep: assembling ${path.basename(uri.fsPath)} failed: ${r.messages.split('\n')[0]}`);
    }
    return r;
  });

  reg('hyperstep.showDisassembly', async (arg): Promise<vscode.TextDocument | undefined> => {
    const uri = await targetFile(arg);
    if (!uri) return undefined;
    let elf = uri.fsPath;
    let tmp: string | undefined;
    const head = fs.readFileSync(elf).subarray(0, 4);
    if (!(head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF')) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-disasm-'));
      const a = await assemble(ctx, uri.fsPath, path.join(tmp, 'program.elf'));
      if (!a.ok) {
        fs.rmSync(tmp, { recursive: true, force: true });
        void vscode.window.showErrorMessage(`Hyperstep: cannot disassemble, assembling failed: ${a.messages.split('\n')[0]}`);
        return undefined;
      }
      elf = a.elf!;
    }
    try {
      const r = await runCli(ctx.cliPath, ['disasm', elf], { timeoutMs: 60_000 });
      if (r.code !== 0) {
        void vscode.window.showErrorMessage(`Hyperstep: disassembly failed: ${r.stderr.trim().split('\n')[0]}`);
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument(views.disassembly.set(uri, r.stdout));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      return doc;
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  reg('hyperstep.selectMode', async (arg): Promise<string | undefined> => {
    // An argument (a mode name) sets it without asking: for keybindings and tests.
    const mode = typeof arg === 'string' ? arg : await pickMode(ctx.config.mode, 'Hyperstep virtualization mode');
    if (!mode) return undefined;
    const { isMode } = await import('./modes');
    if (!isMode(mode)) {
      void vscode.window.showErrorMessage(`Hyperstep: unknown mode '${mode}'`);
      return undefined;
    }
    await ctx.config.setMode(mode);
    return mode;
  });

  reg('hyperstep.debug', async (arg): Promise<boolean> => {
    const uri = await targetFile(arg);
    if (!uri) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return vscode.debug.startDebugging(folder, launchConfig(uri.fsPath, ctx.config.mode, { name: `Debug ${path.basename(uri.fsPath)}` }));
  });

  reg('hyperstep.compare', async (arg) => {
    const uri = await targetFile(arg);
    if (!uri) return undefined;
    return views.compare.show(uri);
  });

  reg('hyperstep.openTrapFlow', () => {
    views.trapFlow.show();
  });
}
