/**
 * Debug console commands (anything else typed there is an expression):
 *   traps [N]           the last N trap events (default 20)
 *   x/NFU <expr>        memory, GDB style: N units, F = x|d|u|i, U = b|h|w|g
 *   translate <expr>    the Sv39/Sv48 walk of a virtual address under satp
 *   help
 */
import { walk } from './walk';
import { modeName } from './traps';
import type { Runtime } from './runtime';

export type CommandResult = { ok: true; text: string } | { ok: false; error: string };

const HELP = `Debug console:
  <expression>        registers (a0, x10, pc), CSRs and fields (mstatus.MPP), symbols,
                      C operators, memory *(u32*)(sp+8); values are 64-bit
  > text              send "text" and a newline to the guest console (UART)
  traps [N]           the last N trap events (default 20)
  x/NFU <expr>        examine memory: N units, format x|d|u|i, unit b|h|w|g (e.g. x/8gx sp)
  translate <expr>    page-table walk of a virtual address under the current satp
  help                this text`;

const hex = (v: bigint | number, pad = 0) => '0x' + BigInt.asUintN(64, BigInt(v)).toString(16).padStart(pad, '0');

export function consoleCommand(rt: Runtime, text: string): CommandResult | undefined {
  const t = text.trim();
  if (t === 'help' || t === '?') return { ok: true, text: HELP };
  let m = /^traps(?:\s+(\d+))?$/.exec(t);
  if (m) {
    const n = m[1] ? Number(m[1]) : 20;
    const list = rt.history.slice(-n);
    if (list.length === 0) return { ok: true, text: 'no trap events yet' };
    const hyp = rt.hypervisor;
    const lines = list.map((e) => {
      const dir = `${modeName(e.from, hyp)}→${modeName(e.to, hyp)}`;
      if (e.kind === 'return') return `#${e.pos} ${e.name.padEnd(6)} ${dir.padEnd(6)} ${hex(e.epc)} → ${hex(e.handler)} ${rt.describeAddress(e.handler)}`;
      return `#${e.pos} ${(e.kind === 'interrupt' ? 'irq' : 'trap').padEnd(6)} ${dir.padEnd(6)} ${e.name} (cause ${e.cause}) epc ${hex(e.epc)} ${rt.describeAddress(e.epc)} tval ${hex(e.tval)} → ${hex(e.handler)}`;
    });
    return { ok: true, text: lines.join('\n') };
  }
  m = /^x(?:\/(\d*)([xdui]?)([bhwg]?)([xdui]?))?\s+(.+)$/.exec(t);
  if (m) {
    const count = m[1] ? Number(m[1]) : 1;
    const fmt = m[2] || m[4] || 'x';
    const unit = { b: 1, h: 2, w: 4, g: 8 }[m[3] || 'w']!;
    if (count < 1 || count > 4096) return { ok: false, error: 'x: count must be 1..4096' };
    const e = rt.evaluate(m[5]);
    if (!e.ok) return { ok: false, error: `x: ${e.error}` };
    const addr = Number(BigInt.asIntN(64, e.value));
    if (fmt === 'i') {
      const list = rt.disassemble(addr, count);
      return { ok: true, text: list.map((i) => `${hex(i.address)} <${rt.describeAddress(i.address)}>: ${i.bytes.padEnd(8)} ${i.text}`).join('\n') };
    }
    const perLine = Math.max(1, 16 / unit);
    const lines: string[] = [];
    for (let i = 0; i < count; i += perLine) {
      const cells: string[] = [];
      for (let j = i; j < Math.min(count, i + perLine); j++) {
        const v = rt.readVirtual(addr + j * unit, unit);
        if (v === undefined) {
          cells.push('<unreadable>');
          continue;
        }
        cells.push(fmt === 'x' ? hex(v, unit * 2) : fmt === 'd' ? BigInt.asIntN(unit * 8, v).toString() : v.toString());
      }
      lines.push(`${hex(addr + i * unit)}: ${cells.join(' ')}`);
    }
    return { ok: true, text: lines.join('\n') };
  }
  m = /^translate\s+(.+)$/.exec(t);
  if (m) {
    const e = rt.evaluate(m[1]);
    if (!e.ok) return { ok: false, error: `translate: ${e.error}` };
    const va = Number(BigInt.asIntN(64, e.value));
    const satp = rt.hart.csr.read(0x180, 3) ?? 0n;
    const w = walk(rt.hart.bus, satp, va);
    const lines = [`translate ${hex(va)} under satp ${hex(satp)} (${w.mode}); the hart is in ${rt.modeName()}${rt.hart.priv === 3 ? ' (M-mode fetches are not translated)' : ''}`];
    for (const s of w.steps) lines.push(`  level ${s.level}: PTE @ ${hex(s.pteAddress)} = ${hex(s.pte, 16)}  ${s.note}`);
    lines.push(w.physical !== undefined ? `  → physical ${hex(w.physical)}${w.perms ? ` [${w.perms}]` : ''}` : `  → ${w.fault}`);
    return { ok: true, text: lines.join('\n') };
  }
  return undefined;
}
