/**
 * A status-bar item showing the virtualization mode (`hyperstep.mode`);
 * clicking it switches the mode. Shown while a RISC-V assembly file is active.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { MODE_DESCRIPTIONS, MODE_LABELS } from './modes';

export class ModeStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('hyperstep.mode', vscode.StatusBarAlignment.Left, 10);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'Hyperstep Mode';
    this.item.command = 'hyperstep.selectMode';
    this.subs = [
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('hyperstep.mode') && this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  update(): void {
    const m = this.ctx.config.mode;
    this.item.text = `$(server-process) ${MODE_LABELS[m]}`;
    this.item.tooltip = `Hyperstep virtualization mode: ${m}\n${MODE_DESCRIPTIONS[m]}\nClick to change.`;
    if (vscode.window.activeTextEditor?.document.languageId === 'riscv-asm') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
