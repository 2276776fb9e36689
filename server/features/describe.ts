/**
 * Markdown descriptions of instructions, registers, CSRs and directives,
 * shared by hover and completion documentation. All facts come from the
 * engine's tables.
 */
import { classify, type PrivMode } from '../../engine/isa/sensitivity';
import { decode } from '../../engine/isa/decode';
import type { CsrInfo } from '../../engine/isa/csrs';
import {
  OPERANDS, parseSyntax, insnSpecs, pseudoSpecs, displaySyntax, operandLabel, registerInfo, csrByNumber,
  type InsnSpec, type OperandKind,
} from '../engine-info';
import { directiveDoc } from './directives';

/** Instruction format letter inferred from the operand kinds. */
export function formatOf(spec: InsnSpec): string {
  const k = parseSyntax(spec.syntax).kinds;
  if (spec.len === 2) return 'compressed (16-bit)';
  if (k.includes('bimm')) return 'B-type';
  if (k.includes('jimm')) return 'J-type';
  if (k.includes('uimm20')) return 'U-type';
  if (k.includes('simm12')) return 'S-type';
  if (k.includes('fs3')) return 'R4-type';
  if (k.some((x) => x === 'imm12' || x === 'shamt5' || x === 'shamt6' || x === 'csr' || x === 'zimm5')) return 'I-type';
  return 'R-type';
}

/** Bit layout, high bit first: fixed bits as 0/1, operand fields by name. */
export function bitLayout(spec: InsnSpec): string {
  const kinds = parseSyntax(spec.syntax).kinds;
  const cover: { kind: OperandKind; bits: number }[] = kinds.map((k) => ({ kind: k, bits: OPERANDS[k].encode(-1) >>> 0 }));
  const width = spec.len * 8;
  const label = (b: number): string => {
    const m = 2 ** b;
    if (Math.floor(spec.mask / m) % 2 === 1) return Math.floor(spec.match / m) % 2 === 1 ? '1' : '0';
    for (const c of cover) if (Math.floor(c.bits / m) % 2 === 1) return operandLabel(c.kind);
    return '?';
  };
  const parts: string[] = [];
  let b = width - 1;
  while (b >= 0) {
    const l = label(b);
    let lo = b;
    if (l === '0' || l === '1') {
      let bitsStr = '';
      while (lo >= 0 && (label(lo) === '0' || label(lo) === '1')) bitsStr += label(lo--);
      parts.push(`${bitsStr}`);
    } else {
      while (lo - 1 >= 0 && label(lo - 1) === l) lo--;
      parts.push(`${l}[${b === lo ? b : `${b}:${lo}`}]`);
      lo--;
    }
    b = lo;
  }
  return parts.join(' | ');
}

const M_MODE: PrivMode = { priv: 'M', virt: false };

export function privilegeLine(spec: InsnSpec, word?: number, mode: PrivMode = M_MODE): string | undefined {
  const d = decode(word ?? spec.match);
  if (!d) return spec.priv ? `Privilege: ${spec.priv}` : undefined;
  const c = classify(d, mode);
  const modeName = mode.virt ? `V${mode.priv}` : mode.priv;
  return `Privilege class in ${modeName}-mode: **${c.kind}** — ${c.reason}`;
}

export function describeMnemonic(name: string, word?: number, mode?: PrivMode): string | undefined {
  const specs = insnSpecs(name);
  const pseudos = pseudoSpecs(name);
  if (specs.length === 0 && pseudos.length === 0) return undefined;
  const lines: string[] = [];
  const forms = new Set<string>();
  for (const s of specs) forms.add(`${s.name} ${displaySyntax(s)}`.trim() + `  # ${s.summary}`);
  for (const p of pseudos) forms.add(`${p.name} ${p.syntax}`.trim() + `  # ${p.summary}`);
  const primary = specs.find((s) => !s.alias && s.len === 4) ?? specs.find((s) => s.len === 4) ?? specs[0];
  lines.push(`**${name}** — ${(primary ?? pseudos[0]).summary}`);
  lines.push('```riscv-asm\n' + [...forms].slice(0, 12).join('\n') + '\n```');
  if (primary) {
    const exts = [...new Set(specs.flatMap((s) => s.ext))].join(', ');
    lines.push(`Extension: ${exts} · ${formatOf(primary)}${primary.alias && primary.base ? ` · alias of \`${primary.base}\`` : ''}`);
    lines.push(`Encoding: \`${bitLayout(primary)}\``);
    const p = privilegeLine(primary, word, mode);
    if (p) lines.push(p);
  } else {
    lines.push('Pseudo-instruction: the assembler expands it into several instructions.');
  }
  return lines.join('\n\n');
}

export function describeRegister(name: string): string | undefined {
  const r = registerInfo(name);
  if (!r) return undefined;
  const saved = r.savedBy === 'none' ? 'not allocated' : `${r.savedBy}-saved`;
  return `**${name}** — ${r.file === 'x' ? 'integer' : 'floating-point'} register \`${r.name}\` (ABI \`${r.abi}\`)\n\n${r.role} · ${saved}`;
}

export function describeCsr(c: CsrInfo | undefined, num: number): string {
  if (!c) return `CSR \`0x${num.toString(16).padStart(3, '0')}\` — not a CSR the engine implements`;
  const ro = c.readOnly ? 'read-only' : 'read/write';
  const lines = [`**${c.name}** — ${c.description}`, `CSR \`0x${c.num.toString(16).padStart(3, '0')}\` · lowest privilege ${c.priv} · ${ro}`];
  if (c.fields && c.fields.length) {
    lines.push('| bits | field | meaning |\n|---|---|---|\n' + c.fields.map((f) => `| ${f.hi === f.lo ? f.hi : `${f.hi}:${f.lo}`} | ${f.name} | ${f.meaning.replace(/\|/g, '\\|')} |`).join('\n'));
  }
  return lines.join('\n\n');
}

export function describeCsrNumber(num: number): string {
  return describeCsr(csrByNumber(num), num);
}

export function describeDirective(name: string): string | undefined {
  const d = directiveDoc(name);
  if (!d) return undefined;
  return `**${name}** ${d.syntax}\n\n${d.summary}`;
}

/** A number in hex, decimal and binary (signed and unsigned when negative in 64 bits). */
export function describeNumber(v: bigint): string {
  const u = BigInt.asUintN(64, v);
  const s = BigInt.asIntN(64, v);
  const bin = u.toString(2);
  const grouped = bin.replace(/\B(?=(\d{4})+(?!\d))/g, '_');
  const lines = [`\`${s}\` (decimal)`, `\`0x${u.toString(16)}\` (hex)`, `\`0b${grouped}\` (binary)`];
  if (s < 0n) lines.splice(1, 0, `\`${u}\` (unsigned 64-bit)`);
  if (u >= 0x20n && u < 0x7fn) lines.push(`\`'${String.fromCharCode(Number(u))}'\` (ASCII)`);
  return lines.join(' · ');
}
