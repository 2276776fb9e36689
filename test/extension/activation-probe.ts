/**
 * An extension-host "test" module for `npm run bench`: opens a RISC-V file
 * and measures how long the extension takes to activate (see
 * scripts/e2e-activation.mjs). Writes { activateMs, openToActiveMs,
 * serverReadyMs } to $RESULTS_FILE.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { HyperstepApi } from '../../client/extension';

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('needs a workspace folder');
  const ext = vscode.extensions.getExtension<HyperstepApi>('hyperstep.hyperstep');
  if (!ext) throw new Error('extension hyperstep.hyperstep is not installed');
  if (ext.isActive) throw new Error('the extension was active before any RISC-V file opened');
  const t0 = Date.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'trap.s')));
  while (!ext.isActive) await new Promise((r) => setTimeout(r, 5));
  const openToActiveMs = Date.now() - t0;
  const api = ext.exports;
  await api.serverReady;
  const serverReadyMs = Date.now() - t0;
  fs.writeFileSync(process.env.RESULTS_FILE!, JSON.stringify({ activateMs: api.activationMs, openToActiveMs, serverReadyMs, server: api.server().state }));
}
