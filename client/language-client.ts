/**
 * Starts the bundled language server (dist/server.js) in a Node process and
 * connects a language client to it over Node IPC.
 */
import * as fs from 'fs';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { Ctx } from './ctx';
import { SECTION } from './config';

export type ServerState = 'starting' | 'running' | 'failed' | 'stopped';

export interface ServerHandle {
  client: LanguageClient | undefined;
  state: ServerState;
  /** Why the server is not running, when state is 'failed'. */
  error?: string;
  /** Settles (never rejects) once the server runs or has failed to start. */
  ready: Promise<void>;
}

export function startLanguageServer(ctx: Ctx): ServerHandle {
  const module = ctx.dist('server.js');
  const handle: ServerHandle = { client: undefined, state: 'starting', ready: Promise.resolve() };
  if (!fs.existsSync(module)) {
    handle.state = 'failed';
    handle.error = `the language server is missing: ${module} (run 'npm run build')`;
    ctx.output.appendLine(handle.error);
    return handle;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'riscv-asm' },
      { scheme: 'untitled', language: 'riscv-asm' },
    ],
    initializationOptions: { hyperstep: ctx.config.serverSettings() },
    synchronize: { configurationSection: SECTION },
    middleware: {
      // The server offers formatting unconditionally; the user can turn it off.
      provideDocumentFormattingEdits: (doc, options, token, next) => (ctx.config.formatEnabled ? next(doc, options, token) : []),
    },
  };
  const client = new LanguageClient('hyperstep', 'Hyperstep RISC-V Language Server', serverOptions, clientOptions);
  handle.client = client;
  handle.ready = client.start().then(
    () => {
      handle.state = 'running';
    },
    (e: unknown) => {
      handle.state = 'failed';
      handle.error = `the language server did not start: ${e instanceof Error ? e.message : String(e)}`;
      ctx.output.appendLine(handle.error);
    },
  );
  // synchronize.configurationSection sends { hyperstep: {...} } on every change,
  // the same keys initializationOptions carries.
  ctx.push({ dispose: () => void stop(handle) });
  return handle;
}

export async function stop(handle: ServerHandle): Promise<void> {
  const c = handle.client;
  handle.client = undefined;
  handle.state = 'stopped';
  if (c) await c.stop().catch(() => undefined);
}
