/**
 * The "Virtualization" view in the Run and Debug container: for the active
 * Hyperstep session, the mode it runs in and its harts (DAP threads, named
 * by the adapter with each hart's privilege mode), refreshed at every stop.
 * Domains and containers join the tree when the engine has them.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE, type SessionListener } from '../debug/adapter-factory';

export type VirtNode =
  | { kind: 'info'; label: string; description?: string; tooltip?: string }
  | { kind: 'hart'; id: number; name: string };

export class VirtualizationTree implements vscode.TreeDataProvider<VirtNode>, SessionListener, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<VirtNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.debug.onDidChangeActiveDebugSession(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  onStopped(session: vscode.DebugSession): void {
    if (session === vscode.debug.activeDebugSession) this.refresh();
  }

  onEnded(): void {
    // After the session is gone the view falls back to its empty state.
    setTimeout(() => this.refresh(), 0);
  }

  getTreeItem(n: VirtNode): vscode.TreeItem {
    if (n.kind === 'hart') {
      const item = new vscode.TreeItem(n.name, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('chip');
      item.id = `hart-${n.id}`;
      item.contextValue = 'hyperstep.hart';
      return item;
    }
    const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.None);
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.iconPath = new vscode.ThemeIcon('info');
    return item;
  }

  async getChildren(parent?: VirtNode): Promise<VirtNode[]> {
    if (parent) return [];
    const s = vscode.debug.activeDebugSession;
    if (!s || s.type !== DEBUG_TYPE) return [{ kind: 'info', label: 'No Hyperstep debug session', tooltip: 'Start debugging a .s file (F5) to see its harts here.' }];
    const nodes: VirtNode[] = [{ kind: 'info', label: 'Mode', description: String(s.configuration.mode ?? 'emulate') }];
    try {
      const r = (await s.customRequest('threads')) as { threads?: { id: number; name: string }[] };
      for (const t of r.threads ?? []) nodes.push({ kind: 'hart', id: t.id, name: t.name });
    } catch (e) {
      nodes.push({ kind: 'info', label: 'Harts unavailable', description: e instanceof Error ? e.message : String(e) });
    }
    return nodes;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
