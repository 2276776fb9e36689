/**
 * The Compare webview: how the virtualization modes run one program. Its
 * data source is `hyperstep compare --json`; until the CLI has that command
 * the panel says so rather than showing invented numbers.
 */
import * as vscode from 'vscode';
import { cliHasCommand, runCli } from '../cli-runner';
import type { Ctx } from '../ctx';
import { escapeHtml, page } from './html';

export type CompareState = 'unavailable' | 'failed' | 'ok';

/** A table when the JSON is a list of flat records; otherwise the JSON itself. */
export function compareBody(data: unknown): string {
  const rows = Array.isArray(data) ? data : Array.isArray((data as { modes?: unknown })?.modes) ? (data as { modes: unknown[] }).modes : undefined;
  if (rows && rows.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
    const cell = (v: unknown) => escapeHtml(typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''));
    return `<table><thead><tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${cols.map((c) => `<td>${cell((r as Record<string, unknown>)[c])}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  }
  return `<pre>${escapeHtml(JSON.stringify(data, null, 2))}</pre>`;
}

export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  state: CompareState | undefined;
  html = '';

  constructor(private readonly ctx: Ctx) {}

  async show(file: vscode.Uri): Promise<CompareState> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('hyperstep.compare', 'Compare Modes', vscode.ViewColumn.Beside, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal(vscode.ViewColumn.Beside);
    const name = escapeHtml(vscode.workspace.asRelativePath(file));
    let body: string;
    if (!(await cliHasCommand(this.ctx.cliPath, 'compare'))) {
      this.state = 'unavailable';
      body = `<div class="state"><p><strong>Not available yet.</strong> Comparing the virtualization modes needs <code>hyperstep compare --json</code>, which this version of the command-line tool does not have.</p><p class="note">Run and Debug work today in the <code>emulate</code> mode.</p></div>`;
    } else {
      const r = await runCli(this.ctx.cliPath, ['compare', '--json', file.fsPath], { timeoutMs: 120_000 });
      let data: unknown;
      try {
        data = r.code === 0 ? JSON.parse(r.stdout) : undefined;
      } catch {
        data = undefined;
      }
      if (data === undefined) {
        this.state = 'failed';
        body = `<div class="state"><p>hyperstep compare failed (exit ${r.code ?? 'none'}):</p><pre>${escapeHtml(r.stderr || r.stdout)}</pre></div>`;
      } else {
        this.state = 'ok';
        body = compareBody(data);
      }
    }
    this.html = page({ cspSource: this.panel.webview.cspSource, title: 'Compare Modes', body: `<h1>Compare modes: ${name}</h1>${body}` });
    this.panel.webview.html = this.html;
    return this.state;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
