/**
 * A JSON-RPC client driving the real language server process
 * (out/server/main.js) over stdio, as an editor would.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type PublishDiagnosticsParams, type Diagnostic, PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', 'server', 'main.js');

export const uriOf = (p: string): string => pathToFileURL(p).toString();

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private diags = new Map<string, PublishDiagnosticsParams>();
  private waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';
  private versions = new Map<string, number>();

  constructor(args: string[] = ['--stdio'], script = SERVER) {
    this.proc = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diags.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          w.resolve(p.diagnostics);
          return false;
        }
        return true;
      });
    });
    this.conn.listen();
  }

  async initialize(options: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: { diagnosticsDelay: 10, ...options },
    });
    await this.conn.sendNotification('initialized', {});
    return r as Record<string, unknown>;
  }

  open(file: string, text: string): string {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'riscv-asm', version: 1, text } });
    return uri;
  }

  /** An incremental change; returns the new version. */
  change(uri: string, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  /** Diagnostics published for a document (the given version, or the next publication). */
  diagnostics(uri: string, version?: number, timeoutMs = 20000): Promise<Diagnostic[]> {
    const have = this.diags.get(uri);
    if (have && version !== undefined && have.version === version) return Promise.resolve(have.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  pos(uri: string, line: number, character: number) {
    return { textDocument: { uri }, position: { line, character } };
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

/** Position of the n-th occurrence of `needle` in text (0-based line/character), plus an offset into it. */
export function find(text: string, needle: string, nth = 0, offset = 0): { line: number; character: number } {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' #${nth} not in text`);
  }
  idx += offset;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - (before.lastIndexOf('\n') + 1) };
}
