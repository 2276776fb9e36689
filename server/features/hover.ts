/**
 * Hover: instruction (forms, extension, encoding layout, the word actually
 * assembled here, privilege class, pseudo-instruction expansion), register,
 * CSR with its fields, symbol (definition and value), macro, number literal,
 * directive.
 */
import type { Hover } from 'vscode-languageserver';
import { literalValue, tokenAt, type Analysis, type Tok } from '../analysis';
import { csrNumberOf, isMnemonic } from '../engine-info';
import type { Workspace } from '../workspace';
import { disasm, hexWord, insnsAt, isPseudo } from './assembled';
import { describeCsrNumber, describeDirective, describeMnemonic, describeNumber, describeRegister } from './describe';
import { findMode, virtHint } from './virtualization';

const md = (value: string, t: Tok): Hover => ({
  contents: { kind: 'markdown', value },
  range: { start: { line: t.line, character: t.start }, end: { line: t.line, character: t.end } },
});

export function hover(ws: Workspace, path: string, line: number, ch: number): Hover | null {
  const a = ws.analysis(path);
  if (!a) return null;
  const t = tokenAt(a, line, ch);
  if (!t) return null;
  switch (t.kind) {
    case 'mnemonic':
      return instructionHover(ws, a, path, t);
    case 'unknown-mnemonic':
      return null;
    case 'register': {
      const d = describeRegister(t.text);
      return d ? md(d, t) : null;
    }
    case 'csr': {
      const n = csrNumberOf(t.text) ?? Number(literalValue(t.text) ?? -1);
      return n >= 0 ? md(describeCsrNumber(n), t) : null;
    }
    case 'number': {
      const v = literalValue(t.text);
      return v === undefined ? null : md(describeNumber(v), t);
    }
    case 'directive': {
      const d = describeDirective(t.text);
      return d ? md(d, t) : null;
    }
    case 'symbol':
    case 'label':
    case 'macro':
    case 'local-label':
    case 'local-ref':
      return symbolHover(ws, a, path, t);
    case 'reloc':
      return md(relocDoc(t.text), t);
    default:
      return null;
  }
}

function instructionHover(ws: Workspace, a: Analysis, path: string, t: Tok): Hover | null {
  const st = a.stmts[t.stmt];
  const insns = st && !st.inMacro ? insnsAt(ws.assembly(path), path, st.line, st.col, st.col + st.text.length, isPseudo(st)) : [];
  const mode = findMode(a.settings.get('mode') ?? ws.settings.mode);
  const word = insns.length === 1 ? insns[0].word : undefined;
  let text = describeMnemonic(t.text, word, mode?.runsAt);
  if (!text) return null;
  if (insns.length === 1) {
    text += `\n\n---\nAssembled here: \`${hexWord(insns[0])}\` — \`${disasm(insns[0])}\` (${insns[0].sectionName}+0x${insns[0].offset.toString(16)})`;
  } else if (insns.length > 1) {
    text += `\n\n---\nExpands here to ${insns.length} instructions (${insns[0].sectionName}+0x${insns[0].offset.toString(16)}):\n\`\`\`riscv-asm\n${insns.map((i) => `${disasm(i).padEnd(28)} # ${hexWord(i)}`).join('\n')}\n\`\`\``;
  }
  if (mode) {
    for (const i of insns) {
      const h = i.decoded ? virtHint(i.decoded, mode, disasm(i)) : undefined;
      if (h) text += `\n\n**${mode.title}:** ${h}`;
    }
  }
  return md(text, t);
}

function symbolHover(ws: Workspace, a: Analysis, path: string, t: Tok): Hover | null {
  if (!t.key) {
    if (t.kind === 'local-ref') return md(`local label reference \`${t.text}\` — no matching \`${t.text.slice(0, -1)}:\` ${t.text.endsWith('b') ? 'before' : 'after'} this line`, t);
    return null;
  }
  const defs = ws.definitions(path, t.key);
  const d = defs[0];
  const parts: string[] = [];
  if (!d) {
    if (isMnemonic(t.text)) return null;
    return md(`\`${t.text}\` — not defined in this file or its includes (an external symbol, resolved by the linker)`, t);
  }
  const where = d.file === path ? `line ${d.tok.line + 1}` : `${d.file}:${d.tok.line + 1}`;
  switch (d.kind) {
    case 'label':
    case 'local': {
      parts.push(`**${d.name}** — ${d.kind === 'local' ? 'local label' : 'label'} defined at ${where}`);
      const r = ws.assembly(d.file === path ? path : path);
      const sym = r?.object.symbols.find((s) => s.name === d.name && s.pos && s.pos.file === d.file && s.pos.line === d.tok.line + 1);
      if (sym && typeof sym.section === 'number') {
        const sec = r!.object.sections[sym.section];
        parts.push(`Address: \`${sec?.name ?? '?'}+0x${sym.value.toString(16)}\` · ${sym.binding}${sym.type !== 'notype' ? ` · ${sym.type}` : ''}`);
      }
      const firstInsn = a.stmts.find((s) => s.line >= d.tok.line && (s.kind === 'insn' || s.kind === 'macro-call') && d.file === path);
      if (firstInsn) parts.push('```riscv-asm\n' + a.lines[firstInsn.line].trim().slice(0, 120) + '\n```');
      break;
    }
    case 'equ': {
      parts.push(`**${d.name}** = \`${d.value ?? ''}\` — symbol defined at ${where}`);
      const r = ws.assembly(path);
      const sym = r?.object.symbols.find((s) => s.name === d.name && s.section === 'abs');
      if (sym) parts.push(`Value: ${describeNumber(sym.value)}`);
      break;
    }
    case 'macro':
      parts.push(`**.macro ${d.value ?? d.name}** — defined at ${where}`);
      if (d.endLine !== undefined) {
        const src = ws.analysis(d.file);
        const body = src ? src.lines.slice(d.tok.line + 1, Math.min(d.endLine, d.tok.line + 16)).join('\n') : '';
        if (body.trim()) parts.push('```riscv-asm\n' + body + '\n```');
      }
      break;
    case 'cpp':
      parts.push(`**#define ${d.name}** \`${d.value ?? ''}\` — C preprocessor macro at ${where}`);
      break;
  }
  return md(parts.join('\n\n'), t);
}

function relocDoc(op: string): string {
  const docs: Record<string, string> = {
    '%hi': 'upper 20 bits of an absolute address (for lui), rounded for the signed low part',
    '%lo': 'low 12 bits of an absolute address (for addi/loads/stores after lui)',
    '%pcrel_hi': 'upper 20 bits of a pc-relative offset (for auipc)',
    '%pcrel_lo': 'low 12 bits of the pc-relative offset computed by the auipc at the given label',
    '%got_pcrel_hi': 'pc-relative upper part of the symbol\'s GOT entry address',
    '%tprel_hi': 'upper 20 bits of a thread-pointer-relative offset (TLS local-exec)',
    '%tprel_lo': 'low 12 bits of a thread-pointer-relative offset',
    '%tprel_add': 'marks the add of tp in a TLS local-exec sequence',
    '%tls_ie_pcrel_hi': 'pc-relative upper part of the TLS GOT entry (initial-exec)',
    '%tls_gd_pcrel_hi': 'pc-relative upper part of the TLS descriptor (global-dynamic)',
  };
  return `**${op}**(symbol) — ${docs[op.toLowerCase()] ?? 'relocation operator'}`;
}
