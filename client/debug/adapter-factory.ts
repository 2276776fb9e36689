/**
 * Runs the bundled debug adapter (dist/debugger.js) as a Node process
 * speaking DAP on stdio, and taps each session's messages for the views.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { parseTrapEventBody, TRAP_EVENT } from './trap-events';

export const DEBUG_TYPE = 'hyperstep';

export class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly ctx: Ctx) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const adapter = this.ctx.dist('debugger.js');
    if (!fs.existsSync(adapter)) throw new Error(`the debug adapter is missing: ${adapter} (run 'npm run build')`);
    // The extension host's own executable: Node in code-server, Electron
    // (told to act as Node) in desktop VS Code. No `node` on PATH needed.
    return new vscode.DebugAdapterExecutable(process.execPath, [adapter], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}

/** Listeners on every message an adapter sends, keyed by what the views need. */
export interface SessionListener {
  onStopped?(session: vscode.DebugSession): void;
  onEnded?(session: vscode.DebugSession): void;
}

export class Tracker implements vscode.DebugAdapterTrackerFactory {
  readonly listeners: SessionListener[] = [];

  constructor(private readonly ctx: Ctx) {}

  createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const ctx = this.ctx;
    const listeners = this.listeners;
    return {
      onDidSendMessage(m: { type?: string; event?: string; body?: unknown }) {
        if (m.type !== 'event') return;
        if (m.event === TRAP_EVENT) {
          ctx.trapEvents.capacity = ctx.config.traceBufferSize;
          ctx.trapEvents.add(session.id, parseTrapEventBody(m.body));
        } else if (m.event === 'stopped' || m.event === 'continued') {
          for (const l of listeners) l.onStopped?.(session);
        }
      },
      onWillStopSession() {
        for (const l of listeners) l.onEnded?.(session);
      },
    };
  }
}
