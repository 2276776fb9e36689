/**
 * lsp   the language server on a 20,000-line source, through the protocol:
 *       full diagnostics after open, re-diagnosis after a one-character edit,
 *       hover and completion latency (p50/p95), server memory.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

export interface LspMeasurement {
  subject: string;
  seconds?: number;
  note?: string;
}

export function runLspBench(): LspMeasurement[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'lsp-driver.js')], { encoding: 'utf8', timeout: 900000 });
  if (r.status !== 0) throw new Error(`LSP benchmark failed: ${r.stderr || r.error?.message}`);
  const m = JSON.parse(r.stdout) as Record<string, number>;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    { subject: 'open → diagnostics', seconds: m.openMs / 1000, note: `${m.lines} lines, ${m.diagnostics} diagnostics` },
    { subject: '1-char edit → diagnostics', seconds: m.editMs / 1000 },
    { subject: 'hover', note: `p50 ${ms(m.hoverP50)}, p95 ${ms(m.hoverP95)} (200 requests)` },
    { subject: 'completion', note: `p50 ${ms(m.completionP50)}, p95 ${ms(m.completionP95)} (200 requests)` },
    { subject: 'server memory', note: `${m.rssMB.toFixed(0)} MB resident` },
  ];
}
