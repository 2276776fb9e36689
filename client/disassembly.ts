/**
 * Read-only documents showing `hyperstep disasm` output, under the
 * `hyperstep-disasm:` scheme so they never touch the disk.
 */
import * as vscode from 'vscode';

export const DISASM_SCHEME = 'hyperstep-disasm';

export class DisassemblyProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `text` as the content of the disassembly of `source` and returns its URI. */
  set(source: vscode.Uri, text: string): vscode.Uri {
    const name = source.path.split('/').pop() ?? 'program';
    const uri = vscode.Uri.from({ scheme: DISASM_SCHEME, path: `/${name}.dis`, query: source.toString() });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '(this disassembly is no longer available: run Hyperstep: Show Disassembly again)';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
