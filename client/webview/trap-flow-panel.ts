/**
 * The Trap Flow webview: the trap events of the active (or last) Hyperstep
 * debug session, redrawn as the adapter reports them.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { DEBUG_TYPE } from '../debug/adapter-factory';
import { page } from './html';
import { TRAP_FLOW_STYLE, trapFlowSvg } from './trap-flow-svg';

export class TrapFlowPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private sessionId: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The HTML last given to the webview (read by the integration tests). */
  html = '';

  constructor(private readonly ctx: Ctx) {
    this.subscriptions.push(
      ctx.trapEvents.onDidChange((id) => {
        if (!this.panel) return;
        if (!this.sessionId || this.sessionId === id || vscode.debug.activeDebugSession?.id === id) this.sessionId = id;
        this.render();
      }),
      vscode.debug.onDidChangeActiveDebugSession((s) => {
        if (s?.type === DEBUG_TYPE) {
          this.sessionId = s.id;
          this.render();
        }
      }),
    );
  }

  show(): void {
    const active = vscode.debug.activeDebugSession;
    if (active?.type === DEBUG_TYPE) this.sessionId = active.id;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('hyperstep.trapFlow', 'Trap Flow', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.render();
  }

  private render(): void {
    if (!this.panel) return;
    const id = this.sessionId;
    const events = id ? this.ctx.trapEvents.get(id) : [];
    let body: string;
    if (!id) {
      body = `<div class="state"><p>No Hyperstep debug session yet.</p><p class="note">Start one (F5 on a .s file): the debug adapter reports every trap, interrupt and trap return, and they are drawn here as they happen.</p></div>`;
    } else if (!this.ctx.trapEvents.reporting.has(id)) {
      body = `<div class="state"><p>No trap events from this session yet.</p><p class="note">Events appear when the guest takes a trap and the debugger stops. An adapter that does not send <code>hyperstep/trapEvents</code> never fills this view.</p></div>`;
    } else {
      const shown = Math.min(events.length, 200);
      body = `<p class="note">${events.length} event${events.length === 1 ? '' : 's'}${events.length > shown ? `; the last ${shown} are drawn` : ''}. Red: traps; orange: interrupts; blue: trap returns.</p>${events.length ? trapFlowSvg(events, shown) : ''}`;
    }
    this.html = page({ cspSource: this.panel.webview.cspSource, title: 'Trap Flow', body: `<h1>Trap Flow</h1>${body}`, style: TRAP_FLOW_STYLE });
    this.panel.webview.html = this.html;
  }

  get visible(): boolean {
    return !!this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

