/**
 * Drives the debug adapter as VS Code does: a separate process
 * (node out/debugger/main.js) spoken to over stdio with the DAP test client.
 */
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ADAPTER = path.join(ROOT, 'out', 'debugger', 'main.js');
export const PROGRAMS = path.join(ROOT, 'test', 'debugger', 'programs');
export const program = (name: string) => path.join(PROGRAMS, name);
/** Small RAM keeps launches fast (the first snapshot copies all of RAM). */
export const SMALL = { ramMiB: 4 };

export async function startClient(): Promise<DebugClient> {
  const dc = new DebugClient('node', ADAPTER, 'hyperstep');
  dc.defaultTimeout = 20000;
  await dc.start();
  return dc;
}

/** Launches, sets breakpoints in the configuration phase, and waits for the first stop. */
export async function launchAndStop(
  dc: DebugClient,
  args: Record<string, unknown>,
  configure: () => Promise<unknown> = async () => undefined,
): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await Promise.all([
    dc.waitForEvent('initialized').then(configure).then(() => dc.configurationDoneRequest()),
    dc.launch({ machine: SMALL, ...args } as DebugProtocol.LaunchRequestArguments),
  ]);
  return stopped;
}

/** Sends a request that resumes, and waits for the next stop. */
export async function resume(dc: DebugClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await send();
  return stopped;
}

export async function frames(dc: DebugClient): Promise<DebugProtocol.StackFrame[]> {
  return (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
}

export async function top(dc: DebugClient): Promise<{ name: string; line: number; file?: string; pc: string }> {
  const f = (await frames(dc))[0];
  return { name: f.name, line: f.line, file: f.source?.path, pc: f.instructionPointerReference ?? '' };
}

export async function evaluate(dc: DebugClient, expression: string, context = 'watch'): Promise<string> {
  return (await dc.evaluateRequest({ expression, context })).body.result;
}

/** Evaluates to a bigint (the result's hex part). */
export async function value(dc: DebugClient, expression: string): Promise<bigint> {
  const r = await evaluate(dc, expression);
  const m = /^(0x[0-9a-f]+|\d+)/.exec(r);
  if (!m) throw new Error(`'${expression}' gave '${r}'`);
  return BigInt(m[1]);
}

/** Expects a request to fail; returns its error message. */
export async function rejects(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the request succeeded, but an error response was expected');
}
