/**
 * The VS Code extension's entry point. `activate` builds one Ctx that owns
 * everything started here, and returns a small API the integration tests use.
 */
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerCommands } from './commands';
import { AdapterFactory, DEBUG_TYPE, Tracker } from './debug/adapter-factory';
import { ConfigurationProvider, DynamicConfigurationProvider } from './debug/configuration-provider';
import { DisassemblyProvider, DISASM_SCHEME } from './disassembly';
import { startLanguageServer, type ServerHandle } from './language-client';
import { ModeStatus } from './status-bar';
import { TASK_TYPE, TaskProvider } from './tasks';
import { VirtualizationTree } from './views/virtualization-tree';
import { ComparePanel } from './webview/compare-panel';
import { TrapFlowPanel } from './webview/trap-flow-panel';

export interface HyperstepApi {
  /** Settles once the language server runs or has failed to start. */
  readonly serverReady: Promise<void>;
  server(): Pick<ServerHandle, 'state' | 'error'> & { capabilities?: unknown };
  trapEvents(sessionId: string): readonly unknown[];
  trapFlowHtml(): string;
  compareHtml(): string;
  /** Milliseconds `activate` took, language server start excluded. */
  activationMs: number;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): HyperstepApi {
  const t0 = Date.now();
  const c = (ctx = new Ctx(context));
  context.subscriptions.push(c);

  c.server = startLanguageServer(c);

  const disassembly = new DisassemblyProvider();
  const compare = new ComparePanel(c);
  const trapFlow = new TrapFlowPanel(c);
  const tree = new VirtualizationTree();
  const tracker = new Tracker(c);
  tracker.listeners.push(tree);
  c.push(
    disassembly,
    compare,
    trapFlow,
    tree,
    vscode.workspace.registerTextDocumentContentProvider(DISASM_SCHEME, disassembly),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new AdapterFactory(c)),
    vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, tracker),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new ConfigurationProvider(c)),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new DynamicConfigurationProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.window.registerTreeDataProvider('hyperstep.virtualization', tree),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new TaskProvider(c)),
    new ModeStatus(c),
  );
  registerCommands(c, { disassembly, compare, trapFlow });

  const server = c.server;
  return {
    serverReady: server.ready,
    server: () => ({ state: server.state, error: server.error, capabilities: server.client?.initializeResult?.capabilities }),
    trapEvents: (id) => c.trapEvents.get(id),
    trapFlowHtml: () => trapFlow.html,
    compareHtml: () => compare.html,
    activationMs: Date.now() - t0,
  };
}

export async function deactivate(): Promise<void> {
  const c = ctx;
  ctx = undefined;
  const s = c?.server;
  c?.dispose();
  // Let the language server shut down cleanly before the host exits.
  if (s?.client) await s.client.stop().catch(() => undefined);
}
