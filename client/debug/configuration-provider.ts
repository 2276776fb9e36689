/**
 * Launch configurations for `hyperstep` sessions: F5 on a .s file with no
 * launch.json asks for a mode and debugs it; missing attributes are filled in
 * from the settings.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { MODES, MODE_DESCRIPTIONS, MODE_LABELS, type Mode } from '../modes';
import { DEBUG_TYPE } from './adapter-factory';

export function launchConfig(program: string, mode: Mode, extra: Partial<vscode.DebugConfiguration> = {}): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug (${MODE_LABELS[mode]})`, program, mode, stopOnEntry: false, ...extra };
}

export async function pickMode(current: Mode, title: string): Promise<Mode | undefined> {
  const items = MODES.map((m) => ({ label: MODE_LABELS[m], description: m === current ? `${m} (current)` : m, detail: MODE_DESCRIPTIONS[m], mode: m }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Virtualization mode', matchOnDescription: true });
  return picked?.mode;
}

export class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly ctx: Ctx) {}

  /** Offered by "Add Configuration" and as the initial launch.json. */
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [launchConfig('${file}', this.ctx.config.mode)];
  }

  async resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!config.type && !config.request && !config.name) {
      // F5 with no launch.json: debug the active assembly file, in a mode the user picks.
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'riscv-asm') {
        await vscode.window.showInformationMessage('Open a RISC-V assembly (.s) file to debug it with Hyperstep.');
        return undefined;
      }
      const mode = await pickMode(this.ctx.config.mode, 'Debug with Hyperstep');
      if (!mode) return undefined;
      return launchConfig(editor.document.uri.fsPath, mode);
    }
    if (!config.program) {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId === 'riscv-asm') config.program = editor.document.uri.fsPath;
      else {
        await vscode.window.showErrorMessage("Hyperstep: the launch configuration has no 'program' and no assembly file is open.");
        return undefined;
      }
    }
    config.mode ??= this.ctx.config.mode;
    if (config.costModel === undefined && this.ctx.config.costModel) config.costModel = this.ctx.config.costModel;
    if (config.march === undefined) config.march = this.ctx.config.march;
    return config;
  }
}

/** Dynamic configurations (the "Hyperstep…" entry of the Run and Debug picker): one per mode. */
export class DynamicConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return MODES.map((m) => launchConfig('${file}', m));
  }
}
