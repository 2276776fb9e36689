/**
 * The extension's one context object: it owns the configuration, the
 * language client, the trap-event store and every disposable, so activation
 * and shutdown are each one place.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { Config } from './config';
import type { ServerHandle } from './language-client';
import { TrapEventStore } from './debug/trap-events';

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.OutputChannel;
  readonly trapEvents = new TrapEventStore();
  server: ServerHandle | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Hyperstep');
    this.push(this.output, this.trapEvents);
  }

  /** Absolute path of a bundled file under dist/. */
  dist(name: string): string {
    return path.join(this.extension.extensionPath, 'dist', name);
  }

  get cliPath(): string {
    return this.dist('cli.js');
  }

  push(...d: vscode.Disposable[]): void {
    this.disposables.push(...d);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // one failing disposable must not keep the others alive
      }
    }
  }
}
