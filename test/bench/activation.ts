/**
 * `npm run bench activation`: the VS Code extension's activation time,
 * measured in code-server's extension host by scripts/e2e-activation.mjs.
 */
import * as path from 'path';
import { runStatus } from '../support/tools';

const root = path.resolve(__dirname, '..', '..', '..');

export function runActivationBench(): { subject: string; seconds?: number; note?: string }[] {
  const r = runStatus(process.execPath, [path.join(root, 'scripts', 'e2e-activation.mjs')], { timeoutMs: 300_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let m: { activateMs?: number; openToActiveMs?: number; serverReadyMs?: number; skipped?: string; error?: string };
  try {
    m = JSON.parse(last);
  } catch {
    throw new Error(`the activation probe printed no result (exit ${r.status}): ${r.stderr.slice(-300)}`);
  }
  if (m.skipped) return [{ subject: 'all', note: `skipped: ${m.skipped}` }];
  if (m.error || m.activateMs === undefined || m.openToActiveMs === undefined || m.serverReadyMs === undefined) throw new Error(m.error ?? `unexpected probe output: ${last}`);
  return [
    { subject: 'activate()', seconds: m.activateMs / 1000, note: "time inside the extension's activate function" },
    { subject: 'open .s -> active', seconds: m.openToActiveMs / 1000, note: 'opening a RISC-V file until the extension is active (code-server)' },
    { subject: 'open .s -> server ready', seconds: m.serverReadyMs / 1000, note: 'until the language server has answered initialize' },
  ];
}
