/**
 * Typed access to the `hyperstep.*` settings. Read on demand (never cached),
 * so a change in the settings UI is seen by the next command without wiring.
 */
import * as vscode from 'vscode';
import { DEFAULT_MODE, isMode, type Mode } from './modes';

export const SECTION = 'hyperstep';

export class Config {
  private get raw(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  get mode(): Mode {
    const m = this.raw.get<string>('mode');
    return isMode(m) ? m : DEFAULT_MODE;
  }

  setMode(mode: Mode): Thenable<void> {
    // Workspace scope when a folder is open, so the choice travels with the project.
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    return this.raw.update('mode', mode, target);
  }

  get march(): string {
    return this.raw.get<string>('march') || 'rv64gc';
  }

  get costModel(): string | undefined {
    return this.raw.get<string>('costModel') || undefined;
  }

  get traceBufferSize(): number {
    const n = this.raw.get<number>('trace.bufferSize');
    return typeof n === 'number' && n > 0 ? Math.floor(n) : 4096;
  }

  get formatEnabled(): boolean {
    return this.raw.get<boolean>('format.enable') !== false;
  }

  /** What the language server reads (initializationOptions and didChangeConfiguration). */
  serverSettings(): Record<string, unknown> {
    const r = this.raw;
    return {
      march: this.march,
      mode: this.mode,
      entry: r.get<string>('entry') || undefined,
      inlayHints: r.get<boolean>('inlayHints') !== false,
      diagnosticsDelay: r.get<number>('diagnosticsDelay'),
    };
  }
}
