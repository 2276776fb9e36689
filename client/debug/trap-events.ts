/**
 * Trap events reported by the debug adapter through its custom DAP event
 * `hyperstep/trapEvents`, kept per debug session for the Trap Flow view.
 * The store is bounded by the `hyperstep.trace.bufferSize` setting.
 */
import * as vscode from 'vscode';

import { type TrapEvent } from './trap-event';

export { parseTrapEventBody, TRAP_EVENT, type TrapEvent } from './trap-event';

export class TrapEventStore implements vscode.Disposable {
  private readonly bySession = new Map<string, TrapEvent[]>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the session id whose events changed. */
  readonly onDidChange = this.changed.event;
  /** Ids of sessions whose adapter has sent at least one trap event message. */
  readonly reporting = new Set<string>();
  capacity = 4096;

  add(sessionId: string, events: TrapEvent[]): void {
    this.reporting.add(sessionId);
    let list = this.bySession.get(sessionId);
    if (!list) this.bySession.set(sessionId, (list = []));
    list.push(...events);
    if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
    this.changed.fire(sessionId);
  }

  get(sessionId: string): readonly TrapEvent[] {
    return this.bySession.get(sessionId) ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
