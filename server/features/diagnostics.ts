/**
 * Diagnostics: the real assembler's errors and warnings, plus the server's
 * own lints (unused label, unreachable code, write to x0, write to a
 * read-only CSR) and virtualization hints for the chosen mode.
 */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic as AsmDiagnostic } from '../../engine/asm/index';
import { csrByNumber } from '../../engine/isa/csrs';
import type { Analysis, Stmt } from '../analysis';
import { isSectionDirective } from '../analysis';
import { insnSpecs, parseSyntax } from '../engine-info';
import type { Workspace } from '../workspace';
import { type EmittedInsn, disasm, insnsAt, isPseudo } from './assembled';
import { findMode, virtHint } from './virtualization';

export const SOURCE = 'hyperstep';

export interface DiagnosticOptions {
  /** File URI for related information, from a path. */
  uriOf(path: string): string;
}

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: Math.max(end, start) } });

export function computeDiagnostics(ws: Workspace, path: string, opts: DiagnosticOptions): Diagnostic[] {
  const a = ws.analysis(path);
  const asm = ws.assembly(path);
  if (!a || !asm) return [];
  const out: Diagnostic[] = [];
  const includeLine = new Map<string, number>();
  for (const inc of a.includes) if (!includeLine.has(inc.path)) includeLine.set(inc.path, inc.tok.line);
  for (const d of asm.diagnostics) {
    const conv = convert(d, a, path, includeLine, opts);
    if (conv) out.push(conv);
  }
  out.push(...lint(a, ws, path));
  return out;
}

function convert(d: AsmDiagnostic, a: Analysis, path: string, includeLine: Map<string, number>, opts: DiagnosticOptions): Diagnostic | undefined {
  const severity = d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  const line = Math.max(0, d.range.start.line - 1);
  const start = Math.max(0, d.range.start.column - 1);
  const endLine = Math.max(line, d.range.end.line - 1);
  const end = endLine === line ? Math.max(start, d.range.end.column - 1) : d.range.end.column - 1;
  if (d.file === path) {
    if (a.preprocessed && suppressedByCpp(a, line, start, end)) return undefined;
    return {
      range: { start: { line, character: start }, end: { line: endLine, character: Math.max(0, end) } },
      severity, message: d.message, code: d.code, source: SOURCE,
    };
  }
  // a problem inside an included file: shown on the .include line, pointing at the file
  let at = includeLine.get(d.file);
  if (at === undefined) {
    // deeper include: report on the first .include of this file
    at = a.includes[0]?.tok.line;
    if (at === undefined) return undefined;
  }
  const inc = a.includes.find((i) => i.tok.line === at)!;
  return {
    range: range(at, inc.tok.start, inc.tok.end),
    severity,
    message: `in ${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`,
    code: d.code,
    source: SOURCE,
    relatedInformation: [{
      location: { uri: opts.uriOf(d.file), range: range(line, start, end) },
      message: d.message,
    }],
  };
}

/**
 * In a `.S` file the assembler sees `#define`d names unexpanded: problems that
 * mention one, or that sit on a preprocessor line, are cpp's business.
 */
function suppressedByCpp(a: Analysis, line: number, start: number, end: number): boolean {
  if (a.cppLines.has(line)) return true;
  const text = a.lines[line] ?? '';
  const span = text.slice(start, Math.max(end, start + 1));
  const whole = text;
  for (const d of a.defs) {
    if (d.kind !== 'cpp') continue;
    const re = new RegExp(`\\b${d.name}\\b`);
    if (re.test(span) || (re.test(whole) && end - start <= 1)) return true;
  }
  // inside #if 0 … #endif
  return false;
}

// ------------------------------------------------------------------ lints

function isUnconditional(i: EmittedInsn): boolean {
  const d = i.decoded;
  if (!d) return false;
  if ((d.exec === 'jal' || d.exec === 'jalr') && d.rd === 0) return true;
  return d.exec === 'mret' || d.exec === 'sret';
}

export function lint(a: Analysis, ws: Workspace, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const asm = ws.assembly(path);
  unusedLabels(a, ws, path, out);
  let deadFrom: Stmt | undefined;
  const mode = findMode(a.settings.get('mode') ?? ws.settings.mode);
  for (const st of a.stmts) {
    if (st.inMacro) continue;
    if (st.labels.length > 0) deadFrom = undefined;
    if (st.kind === 'directive') {
      const n = st.op!.text.toLowerCase();
      if (!/^\.(p2align|balign|align|globl|global|type|size|local|weak|hidden|loc|cfi_.*)$/.test(n) || isSectionDirective(n)) deadFrom = undefined;
      continue;
    }
    if (st.kind !== 'insn') {
      if (st.kind !== 'empty') deadFrom = undefined;
      continue;
    }
    const insns = insnsAt(asm, path, st.line, st.col, st.col + st.text.length, isPseudo(st));
    if (deadFrom && insns.length > 0) {
      out.push({
        range: range(st.line, st.op!.start, st.col + st.text.trimEnd().length),
        severity: DiagnosticSeverity.Warning,
        message: `unreachable code: no label between this instruction and the unconditional '${deadFrom.op!.text}' on line ${deadFrom.line + 1}`,
        code: 'unreachable-code', source: SOURCE, tags: [DiagnosticTag.Unnecessary],
      });
      deadFrom = undefined;
    }
    if (insns.length > 0 && isUnconditional(insns[insns.length - 1])) deadFrom = st;
    x0Write(st, insns, out);
    readOnlyCsr(st, insns, out);
    if (mode) {
      for (const i of insns) {
        if (!i.decoded) continue;
        const msg = virtHint(i.decoded, mode, disasm(i));
        if (msg) {
          out.push({ range: range(st.line, st.op!.start, st.col + st.text.trimEnd().length), severity: DiagnosticSeverity.Information, message: msg, code: `virt-${mode.name}`, source: SOURCE });
          break;
        }
      }
    }
  }
  return out;
}

function unusedLabels(a: Analysis, ws: Workspace, path: string, out: Diagnostic[]): void {
  const labels = a.defs.filter((d) => d.kind === 'label');
  if (labels.length === 0) return;
  const used = new Set<string>();
  for (const p of ws.project(path)) {
    for (const t of p.tokens) if (t.key && !t.def && t.key.startsWith('sym:')) used.add(t.key);
    for (const g of p.globals) used.add(`sym:${g}`);
    // names built inside macro bodies (`\name\()_end`) cannot be followed
  }
  const entry = ws.settings.entry;
  for (const d of labels) {
    if (used.has(d.tok.key!) || d.name === '_start' || d.name === entry || d.name === 'main') continue;
    if (a.stmts[d.tok.stmt]?.inMacro) continue;
    out.push({
      range: range(d.tok.line, d.tok.start, d.tok.end),
      severity: DiagnosticSeverity.Warning,
      message: `label '${d.name}' is never used (not referenced, not .globl)`,
      code: 'unused-label', source: SOURCE, tags: [DiagnosticTag.Unnecessary],
    });
  }
}

function x0Write(st: Stmt, insns: EmittedInsn[], out: Diagnostic[]): void {
  const first = st.tokens.find((t) => t.start >= st.opsStart && t.kind !== 'operator');
  if (!first || first.kind !== 'register' || first.key !== 'reg:x0') return;
  if (insns.length !== 1) return;
  const i = insns[0];
  const d = i.decoded;
  if (!d || d.rd !== 0 || i.word === 0x13 || i.word === 0x0001) return;
  // only instructions whose sole effect is writing rd: no jumps, CSR accesses, memory accesses
  const base = d.spec.base ?? d.spec.name;
  if (base === 'jalr' || base === 'jal') return;
  const kinds = parseSyntax(d.spec.syntax).kinds;
  if (kinds[0] !== 'rd' && kinds[0] !== 'c_rd') return;
  if (kinds.some((k) => k === 'csr' || k === 'jimm' || k === 'bimm') || d.spec.syntax.includes('(')) return;
  if (insnSpecs(st.op!.text).length === 0) return;
  out.push({
    range: range(first.line, first.start, first.end),
    severity: DiagnosticSeverity.Warning,
    message: `'${st.op!.text}' writes x0 (${first.text}), which is hard-wired to zero: the result is discarded`,
    code: 'write-to-x0', source: SOURCE,
  });
}

function readOnlyCsr(st: Stmt, insns: EmittedInsn[], out: Diagnostic[]): void {
  for (const i of insns) {
    const d = i.decoded;
    if (!d || !d.exec.startsWith('csrr')) continue;
    const write = d.exec === 'csrrw' || d.exec === 'csrrwi' || (d.exec.endsWith('i') ? d.imm !== 0 : d.rs1 !== 0);
    if (!write || d.csr >> 10 !== 3) continue;
    const tok = st.tokens.find((t) => t.kind === 'csr') ?? st.op!;
    const name = csrByNumber(d.csr)?.name ?? `0x${d.csr.toString(16)}`;
    out.push({
      range: range(tok.line, tok.start, tok.end),
      severity: DiagnosticSeverity.Warning,
      message: `CSR '${name}' is read-only (number bits 11:10 = 3): writing it raises an illegal-instruction exception`,
      code: 'read-only-csr', source: SOURCE,
    });
  }
}
