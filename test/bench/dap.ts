/**
 * Debug adapter benchmark: `node out/test/bench/dap.js` (after `npm run build`).
 * Drives the adapter process over DAP as VS Code would and prints:
 *   - p50/p95 round trip of `next` (request sent → stopped event received)
 *   - continue for a fixed instruction budget with 20 breakpoints armed (never
 *     hit) vs none, as guest MIPS
 *   - stepBack latency after 10^7 instructions (restore a snapshot + replay)
 * Times are measured, never asserted.
 */
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const root = path.resolve(__dirname, '..', '..', '..');
const adapter = path.join(root, 'out', 'debugger', 'main.js');
const guest = path.join(root, 'test', 'debugger', 'programs', 'bench.s');
const machine = { ramMiB: 4 };

async function session(args: Record<string, unknown>, configure: (dc: DebugClient) => Promise<unknown> = async () => undefined) {
  const dc = new DebugClient('node', adapter, 'hyperstep');
  dc.defaultTimeout = 600000;
  await dc.start();
  const stopped = dc.waitForEvent('stopped');
  await Promise.all([
    dc.waitForEvent('initialized').then(() => configure(dc)).then(() => dc.configurationDoneRequest()),
    dc.launch({ program: guest, machine, ...args } as DebugProtocol.LaunchRequestArguments),
  ]);
  await stopped;
  return dc;
}

async function timed(dc: DebugClient, send: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  const stopped = dc.waitForEvent('stopped');
  await send();
  await stopped;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function position(dc: DebugClient): Promise<number> {
  const r = await dc.evaluateRequest({ expression: 'position', context: 'watch' });
  return Number(BigInt(r.body.result.split(' ')[0]));
}

async function main(): Promise<void> {
  const rows: string[][] = [['measurement', 'value', 'note']];

  // next round trips
  let dc = await session({ stopOnEntry: true });
  const next: number[] = [];
  for (let i = 0; i < 300; i++) next.push(await timed(dc, () => dc.nextRequest({ threadId: 1, granularity: 'instruction' })));
  rows.push(['next round trip p50', `${pct(next, 50).toFixed(2)} ms`, '300 instruction-granularity nexts (calls stepped over)']);
  rows.push(['next round trip p95', `${pct(next, 95).toFixed(2)} ms`, '']);
  await dc.stop();

  // continue: free vs 20 breakpoints armed
  const budget = 50_000_000;
  for (const armed of [0, 20]) {
    dc = await session({ stopOnEntry: true, maxInstructions: budget }, async (c) => {
      if (armed) {
        const bps = Array.from({ length: armed }, (_, i) => ({ instructionReference: `unused`, offset: 4 * i }));
        // Resolve 'unused' to an address first.
        const r = await c.evaluateRequest({ expression: 'unused', context: 'watch' }).catch(() => undefined);
        const base = r ? BigInt(r.body.result.split(' ')[0]) : 0n;
        await c.customRequest('setInstructionBreakpoints', { breakpoints: bps.map((b) => ({ instructionReference: '0x' + (base + BigInt(b.offset)).toString(16) })) });
      }
    });
    const ms = await timed(dc, () => dc.continueRequest({ threadId: 1 }));
    const ran = await position(dc);
    rows.push([`continue, ${armed} breakpoints armed`, `${(ran / ms / 1000).toFixed(1)} MIPS`, `${ran} instructions in ${ms.toFixed(0)} ms`]);
    await dc.stop();
  }

  // stepBack after 10^7 instructions
  dc = await session({ stopOnEntry: true, maxInstructions: 10_000_000 });
  await timed(dc, () => dc.continueRequest({ threadId: 1 }));
  const back: number[] = [];
  for (let i = 0; i < 20; i++) back.push(await timed(dc, () => dc.stepBackRequest({ threadId: 1, granularity: 'instruction' })));
  rows.push(['stepBack after 1e7 insns p50', `${pct(back, 50).toFixed(1)} ms`, `20 steps back; snapshots every 1e6 positions, position ${await position(dc)}`]);
  rows.push(['stepBack after 1e7 insns p95', `${pct(back, 95).toFixed(1)} ms`, '']);
  await dc.stop();

  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n'));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`dap benchmark failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
