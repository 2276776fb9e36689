/**
 * The LSP benchmark's body (run in its own process by test/bench/lsp.ts so the
 * synchronous benchmark runner can wait for it): a 20,000-line generated
 * source through the real server over stdio. Prints one JSON object.
 */
import { TestClient } from '../server/client';

const LINES = 20000;

function source(): string {
  const out: string[] = ['.globl _start', '.text', '_start:'];
  for (let i = 0; out.length < LINES; i++) {
    out.push(`f${i}:`, `    li a0, ${i}`, `    addi a1, a0, -1`, `    csrr t0, mstatus`, `1:  bnez a1, 1b`, `    call f${(i + 1) % 1000}`, `    sd a0, 8(sp)`, `    ret`);
  }
  return out.slice(0, LINES).join('\n') + '\n';
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function main(): Promise<void> {
  const text = source();
  const lines = text.split('\n');
  const c = new TestClient();
  await c.initialize({ diagnosticsDelay: 0 });
  const t0 = performance.now();
  const uri = c.open('/tmp/hyperstep-bench/big.s', text);
  const d = await c.diagnostics(uri, 1, 600000);
  const open = performance.now() - t0;
  const t1 = performance.now();
  const v = c.change(uri, [{ range: { start: { line: 10, character: 12 }, end: { line: 10, character: 13 } }, text: '2' }]);
  await c.diagnostics(uri, v, 600000);
  const edit = performance.now() - t1;
  const hovers: number[] = [];
  const completions: number[] = [];
  for (let i = 0; i < 200; i++) {
    const line = 3 + ((i * 7919) % (LINES - 4));
    const ch = Math.max(4, Math.min(lines[line].length - 1, 5));
    let t = performance.now();
    await c.request('textDocument/hover', c.pos(uri, line, ch));
    hovers.push(performance.now() - t);
    t = performance.now();
    await c.request('textDocument/completion', c.pos(uri, line, lines[line].length));
    completions.push(performance.now() - t);
  }
  const mem = await readRss(c.proc.pid!);
  await c.shutdown();
  process.stdout.write(JSON.stringify({
    lines: LINES, diagnostics: d.length, openMs: open, editMs: edit,
    hoverP50: pct(hovers, 50), hoverP95: pct(hovers, 95), completionP50: pct(completions, 50), completionP95: pct(completions, 95), rssMB: mem,
  }));
}

/** Resident memory of the server process in MB (Linux /proc), or -1. */
async function readRss(pid: number): Promise<number> {
  try {
    const fs = await import('fs');
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : -1;
  } catch {
    return -1;
  }
}

main().catch((e) => {
  process.stderr.write(String((e as Error).stack ?? e));
  process.exitCode = 1;
});
