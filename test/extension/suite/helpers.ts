/**
 * Shared by the integration specs: the workspace's files, the extension's
 * API, waiting on conditions, and skipping with a reason that reaches the
 * runner's report.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HyperstepApi } from '../../../client/extension';

export const skipReasons = new Map<string, string>();

/** Skips the current test (or, from a hook, its suite) and records why. */
export function skipWith(ctx: Mocha.Context, reason: string): never {
  const r = ctx.currentTest ?? ctx.test;
  const key = ctx.currentTest ? ctx.currentTest.fullTitle() : (r?.parent?.fullTitle() ?? '');
  skipReasons.set(key, reason);
  console.log(`skipped: ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc);
}

export async function extensionApi(): Promise<HyperstepApi> {
  const ext = vscode.extensions.getExtension<HyperstepApi>('hyperstep.hyperstep');
  if (!ext) throw new Error('extension hyperstep.hyperstep is not installed');
  return ext.activate();
}

export async function waitFor<T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** 0-based line of the first line of `text` matching `re`. */
export function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i;
}

export function tool(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(d, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** A reference tool, or a skip (locally) / failure (CI=true) naming it. */
export function needTool(ctx: Mocha.Context, name: string): string {
  const p = tool(name);
  if (p) return p;
  const reason = `${name} is not installed (see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  return skipWith(ctx, reason);
}

export function runTool(cmd: string, args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
