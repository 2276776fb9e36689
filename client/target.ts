/**
 * Which file a command acts on: the argument it was given (a URI string from
 * a code lens, a Uri from a menu) or the active editor's file.
 */
import * as vscode from 'vscode';

export async function targetFile(arg: unknown): Promise<vscode.Uri | undefined> {
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string' && arg) uri = arg.includes('://') || arg.startsWith('file:') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  else uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showErrorMessage('Hyperstep: open a RISC-V assembly (.s) file first.');
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Hyperstep: ${uri.toString()} is not a file on disk; save it first.`);
    return undefined;
  }
  // The CLI reads the file from disk: save pending edits first.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
  if (open?.isDirty) await open.save();
  return uri;
}
