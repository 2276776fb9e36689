/**
 * Entry point of the RISC-V assembly language server (bundled to
 * dist/server.js, and run by `hyperstep lsp --stdio`). Speaks LSP over
 * stdio (or node IPC / a socket when the client asks for those).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Starts the server on this process's stdio (or the transport named in argv). */
export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}

/** Set by scripts/bundle.mjs to the bundle's own entry; undefined when run from tsc's output. */
declare const HYPERSTEP_ENTRY: string | undefined;
if (typeof HYPERSTEP_ENTRY === 'undefined' ? require.main === module : HYPERSTEP_ENTRY === 'server') runServer();
