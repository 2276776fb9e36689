/**
 * The language server: declares capabilities and binds each request to its
 * feature (server/features/*, pure functions over the workspace). Documents
 * sync incrementally; diagnostics are recomputed after a short quiet period.
 */
import * as fs from 'fs';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  type Connection, type InitializeParams, type InitializeResult, TextDocuments, TextDocumentSyncKind, ResponseError, LSPErrorCodes,
  CodeActionKind, type CancellationToken,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, resolveCompletion } from './features/completion';
import { computeDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { signatureHelp } from './features/signature';
import { definition, highlights, prepareRename, references, rename, RenameError } from './features/navigation';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { LEGEND, semanticTokens } from './features/semantic-tokens';
import { formatDocument } from './features/formatting';
import { quickFixes } from './features/code-actions';
import { inlayHints } from './features/inlay-hints';
import { codeLenses } from './features/code-lens';
import { Workspace, type ServerSettings } from './workspace';

const MAX_FILE_BYTES = 8 << 20;

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

export function pathToUri(path: string): string {
  if (path.startsWith('/')) return pathToFileURL(path).toString();
  return path;
}

function readDisk(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  try {
    const st = fs.statSync(path);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(readDisk);
  const timers = new Map<string, NodeJS.Timeout>();
  const uriByPath = new Map<string, string>();
  const uriOf = (p: string) => uriByPath.get(p) ?? pathToUri(p);

  const applySettings = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const h = ((s as Record<string, unknown>).hyperstep ?? s) as Record<string, unknown>;
    const next: ServerSettings = { ...ws.settings };
    if (typeof h.march === 'string') next.march = h.march;
    if (typeof h.mode === 'string') next.mode = h.mode;
    if (typeof h.entry === 'string') next.entry = h.entry;
    if (typeof h.inlayHints === 'boolean') next.inlayHints = h.inlayHints;
    if (typeof h.diagnosticsDelay === 'number' && h.diagnosticsDelay >= 0) next.diagnosticsDelay = h.diagnosticsDelay;
    ws.settings = next;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    applySettings(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', ',', '('], resolveProvider: true },
        signatureHelpProvider: { triggerCharacters: [' ', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'hyperstep-riscv-asm', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration((p) => {
    applySettings(p.settings);
    for (const d of documents.all()) schedule(d.uri, 0);
  });

  const publish = (uri: string) => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const path = uriToPath(uri);
    let diagnostics;
    try {
      diagnostics = computeDiagnostics(ws, path, { uriOf });
    } catch (e) {
      diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `internal language server error: ${(e as Error).message}`, source: 'hyperstep' }];
    }
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  };

  const schedule = (uri: string, delay = ws.settings.diagnosticsDelay ?? 150) => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(uri, setTimeout(() => publish(uri), delay));
  };

  /** Re-diagnose the changed document and every open one that includes it. */
  const changed = (uri: string) => {
    const path = uriToPath(uri);
    schedule(uri);
    for (const d of documents.all()) {
      if (d.uri === uri) continue;
      if (ws.closure(uriToPath(d.uri)).some((a) => a.file === path)) schedule(d.uri);
    }
  };

  documents.onDidOpen((e) => {
    const path = uriToPath(e.document.uri);
    uriByPath.set(path, e.document.uri);
    ws.open(path, e.document.getText(), e.document.version);
    changed(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    ws.update(uriToPath(e.document.uri), e.document.getText(), e.document.version);
    changed(e.document.uri);
  });
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    ws.close(path);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(() => {
    ws.invalidateDisk();
    for (const d of documents.all()) schedule(d.uri);
  });

  /** Runs a feature for an open document; null for unknown documents and cancelled requests. */
  const withDoc = <T>(uri: string, token: CancellationToken | undefined, f: (path: string) => T): T | null | ResponseError<void> => {
    if (token?.isCancellationRequested) return cancelled();
    if (!documents.get(uri)) return null;
    return f(uriToPath(uri));
  };

  connection.onHover((p, token) => withDoc(p.textDocument.uri, token, (path) => hover(ws, path, p.position.line, p.position.character)));
  connection.onCompletion((p, token) => withDoc(p.textDocument.uri, token, (path) => complete(ws, path, p.position.line, p.position.character)));
  connection.onCompletionResolve((item) => resolveCompletion(item));
  connection.onSignatureHelp((p, token) => withDoc(p.textDocument.uri, token, (path) => signatureHelp(ws, path, p.position.line, p.position.character)));
  connection.onDefinition((p, token) => withDoc(p.textDocument.uri, token, (path) => definition(ws, path, p.position.line, p.position.character, uriOf)));
  connection.onReferences((p, token) => withDoc(p.textDocument.uri, token, (path) => references(ws, path, p.position.line, p.position.character, p.context?.includeDeclaration ?? true, uriOf)));
  connection.onDocumentHighlight((p, token) => withDoc(p.textDocument.uri, token, (path) => highlights(ws, path, p.position.line, p.position.character)));
  connection.onPrepareRename((p, token) => withDoc(p.textDocument.uri, token, (path) => prepareRename(ws, path, p.position.line, p.position.character)));
  connection.onRenameRequest((p, token) => {
    try {
      return withDoc(p.textDocument.uri, token, (path) => rename(ws, path, p.position.line, p.position.character, p.newName, uriOf));
    } catch (e) {
      if (e instanceof RenameError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
      throw e;
    }
  });
  connection.onDocumentSymbol((p, token) => withDoc(p.textDocument.uri, token, (path) => {
    const a = ws.analysis(path);
    return a ? documentSymbols(a) : [];
  }));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? cancelled() : workspaceSymbols(ws, p.query, uriOf)));
  connection.onFoldingRanges((p, token) => withDoc(p.textDocument.uri, token, (path) => {
    const a = ws.analysis(path);
    return a ? foldingRanges(a) : [];
  }));
  connection.languages.semanticTokens.on((p, token) => {
    const r = withDoc(p.textDocument.uri, token, (path) => {
      const a = ws.analysis(path);
      return a ? semanticTokens(ws, a) : { data: [] };
    });
    return r ?? { data: [] };
  });
  connection.onDocumentFormatting((p, token) => withDoc(p.textDocument.uri, token, (path) => {
    const a = ws.analysis(path);
    if (!a) return [];
    return formatDocument(a, {
      tabSize: p.options.tabSize, insertSpaces: p.options.insertSpaces, march: a.settings.get('march') ?? ws.settings.march,
      readFile: (f) => ws.read(f),
    });
  }));
  connection.onCodeAction((p, token) => withDoc(p.textDocument.uri, token, () => quickFixes(p.textDocument.uri, p.context.diagnostics)));
  connection.languages.inlayHint.on((p, token) => withDoc(p.textDocument.uri, token, (path) => {
    const a = ws.analysis(path);
    return a && ws.settings.inlayHints ? inlayHints(ws, a, p.range) : [];
  }));
  connection.onCodeLens((p, token) => withDoc(p.textDocument.uri, token, (path) => {
    const a = ws.analysis(path);
    return a ? codeLenses(a, p.textDocument.uri, ws.settings.entry) : [];
  }));

  documents.listen(connection);
  connection.listen();
}
