/**
 * The analysed document every feature works on: statements split exactly as
 * the assembler splits them (the engine's lexer), each token classified
 * (label, mnemonic, directive, macro, register, CSR, symbol, local label,
 * number…), definitions (labels, numeric local labels, .equ/.set, macros),
 * .include lines and block structure. Pure: text in, data out, never throws,
 * linear in the size of the text.
 *
 * Positions are LSP positions: 0-based lines and UTF-16 columns (the lexer
 * works on JavaScript strings, so its columns are UTF-16 already).
 */
import { splitStatements, readIdent, skipSpaces, isIdentStart, isIdentPart, parseStringLiteral } from '../engine/asm/lexer';
import {
  insnSpecs, isMnemonic, parseSyntax, pseudoSpecs, registerKey, csrNumberOf, regFileOf,
  type OperandKind,
} from './engine-info';

export type TokKind =
  | 'label'        // name: (definition)
  | 'local-label'  // 1: (definition)
  | 'local-ref'    // 1b / 1f
  | 'mnemonic'
  | 'unknown-mnemonic'
  | 'directive'
  | 'macro'        // macro name (definition or call)
  | 'register'
  | 'csr'          // CSR name, or a number written where a CSR goes
  | 'symbol'       // reference to a label or .equ symbol (or a .equ definition, with def)
  | 'number'
  | 'string'
  | 'keyword'      // rounding modes, fence sets, @function, .option arguments, section names
  | 'param'        // \arg inside a macro body, or a macro's parameter in .macro
  | 'reloc'        // %hi, %pcrel_lo…
  | 'operator';

export interface Tok {
  kind: TokKind;
  text: string;
  line: number;
  start: number;
  end: number;
  /** This token defines the name (label, .equ, .macro, macro parameter). */
  def?: boolean;
  /** Identity for references: 'sym:foo', 'reg:x1', 'csr:768', 'macro:m', 'local:<file>#<n>@<defIndex>'. */
  key?: string;
  /** Operand kind of the slot the token sits in (instructions only). */
  slot?: OperandKind;
  stmt: number;
}

export interface Operand {
  text: string;
  start: number;
  end: number;
}

export type StmtKind = 'empty' | 'insn' | 'directive' | 'macro-call' | 'assign' | 'bad';

export interface Stmt {
  index: number;
  line: number;
  /** Column of text[0]. */
  col: number;
  text: string;
  labels: Tok[];
  op?: Tok;
  kind: StmtKind;
  /** Column where the operands start (after the op and blanks). */
  opsStart: number;
  operands: Operand[];
  tokens: Tok[];
  /** Inside a .macro … .endm body (name of the macro). */
  inMacro?: string;
}

export type DefKind = 'label' | 'local' | 'equ' | 'macro' | 'cpp';

export interface Def {
  name: string;
  kind: DefKind;
  tok: Tok;
  file: string;
  /** Text of the value for .equ/.set/=, of the #define. */
  value?: string;
  params?: string[];
  /** Last line of a macro body (the .endm line). */
  endLine?: number;
}

export interface Include {
  raw: string;
  path: string;
  tok: Tok;
}

export interface Block {
  kind: 'macro' | 'rept' | 'if' | 'section' | 'comment' | 'function';
  startLine: number;
  endLine: number;
  name?: string;
}

export interface Analysis {
  file: string;
  text: string;
  lines: string[];
  stmts: Stmt[];
  /** All tokens, in document order. */
  tokens: Tok[];
  defs: Def[];
  includes: Include[];
  blocks: Block[];
  /** Symbols made global/weak (.globl, .global, .weak). */
  globals: Set<string>;
  /** `# hyperstep: key=value` settings written in the file. */
  settings: Map<string, string>;
  /** .S file: C preprocessor lines and their #define names. */
  preprocessed: boolean;
  cppLines: Set<number>;
}

export interface AnalyseOptions {
  /** Macros defined elsewhere (in included files) that may be called here. */
  externalMacros?: ReadonlySet<string>;
}

const DEF_DIRECTIVES = new Set(['.equ', '.set', '.equiv', '.eqv']);
const SYMBOL_LIST_DIRECTIVES = new Set(['.globl', '.global', '.local', '.weak', '.hidden', '.protected', '.internal']);
const NAME_ARG_DIRECTIVES = new Set(['.section', '.sect', '.pushsection', '.option', '.attribute', '.file', '.ident', '.purgem', '.loc', '.cfi_startproc', '.cfi_endproc', '.insn']);
const SECTION_DIRECTIVES = new Set(['.text', '.data', '.bss', '.rodata', '.section', '.sect', '.pushsection', '.popsection', '.previous']);
const BLOCK_OPEN: Record<string, Block['kind']> = { '.macro': 'macro', '.rept': 'rept', '.irp': 'rept', '.irpc': 'rept', '.if': 'if', '.ifdef': 'if', '.ifndef': 'if', '.ifnotdef': 'if', '.ifeq': 'if', '.ifne': 'if', '.ifgt': 'if', '.ifge': 'if', '.iflt': 'if', '.ifle': 'if', '.ifc': 'if', '.ifnc': 'if', '.ifb': 'if', '.ifnb': 'if' };
const BLOCK_CLOSE: Record<string, Block['kind']> = { '.endm': 'macro', '.endmacro': 'macro', '.endr': 'rept', '.endif': 'if' };

export function isSectionDirective(name: string): boolean {
  return SECTION_DIRECTIVES.has(name);
}

/** Directory part of a path, with its trailing slash ('' when none), as the assembler joins includes. */
export function includeBase(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
}

export function resolveInclude(fromFile: string, rel: string): string {
  return rel.startsWith('/') ? rel : normalizePath(includeBase(fromFile) + rel);
}

/** Collapses `a/./b` and `a/x/../b` so one file has one name. */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

/** `.S` sources go through the C preprocessor first. */
export function isPreprocessed(file: string): boolean {
  return file.endsWith('.S') || file.endsWith('.sx');
}

const CPP_LINE = /^\s*#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|warning|pragma|line)\b/;

/**
 * For `.S` files: the text the assembler should see. Preprocessor lines are
 * already comments to the assembler (`#`); `//` comments are blanked, as cpp
 * would remove them. Columns and lines never move.
 */
export function prepareSource(text: string, file: string): string {
  if (!isPreprocessed(file)) return text;
  const lines = text.split(/(\r?\n|\r)/);
  for (let i = 0; i < lines.length; i += 2) {
    const l = lines[i];
    const k = indexOutsideStrings(l, '//');
    if (k >= 0 && !CPP_LINE.test(l)) lines[i] = l.slice(0, k) + ' '.repeat(l.length - k);
  }
  return lines.join('');
}

function indexOutsideStrings(l: string, what: string): number {
  let inStr = false;
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '#') return -1;
    else if (l.startsWith(what, i)) return i;
  }
  return -1;
}

export function analyse(text: string, file: string, opts: AnalyseOptions = {}): Analysis {
  const preprocessed = isPreprocessed(file);
  const source = prepareSource(text, file);
  const lines = text.split(/\r?\n|\r/);
  const raw = splitStatements(source, file, []);
  const a: Analysis = {
    file, text, lines, stmts: [], tokens: [], defs: [], includes: [], blocks: [], globals: new Set(),
    settings: new Map(), preprocessed, cppLines: new Set(),
  };
  // settings comments and preprocessor lines
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.length > 4096) continue;
    const m = /#\s*hyperstep:\s*(.*)$/.exec(l);
    if (m) {
      for (const kv of m[1].split(/[\s,;]+/)) {
        const e = kv.indexOf('=');
        if (e > 0) a.settings.set(kv.slice(0, e).toLowerCase(), kv.slice(e + 1));
      }
    }
    if (preprocessed && CPP_LINE.test(l)) {
      a.cppLines.add(i);
      const d = /^(\s*#\s*define\s+)([A-Za-z_]\w*)(\(.*?\))?\s*(.*)$/.exec(l);
      if (d) {
        const tok: Tok = { kind: 'macro', text: d[2], line: i, start: d[1].length, end: d[1].length + d[2].length, def: true, key: `cpp:${d[2]}`, stmt: -1 };
        a.defs.push({ name: d[2], kind: 'cpp', tok, file, value: d[4].trim() });
      }
    }
  }

  // macro names first: calls may come before a definition textually only in
  // broken code, but completion and classification should not depend on order
  const macroNames = new Set<string>(opts.externalMacros ?? []);
  for (const r of raw) {
    const i = skipSpaces(r.text, 0);
    if (r.text.startsWith('.macro', i) && !isIdentPart(r.text[i + 6] ?? ' ')) {
      const m = /^\s*,?\s*([A-Za-z_.$][\w.$]*)/.exec(r.text.slice(i + 6));
      if (m) macroNames.add(m[1]);
    }
  }

  const open: { kind: Block['kind']; line: number; name?: string }[] = [];
  let macroName: string | undefined;
  let macroDef: Def | undefined;
  let section: { line: number; name: string } | undefined;
  let lastLine = 0;
  for (const r of raw) {
    const st = parseStatement(r.text, r.line - 1, r.col - 1, a.stmts.length, macroNames, macroName);
    if (st.kind === 'empty' && st.labels.length === 0) continue;
    a.stmts.push(st);
    lastLine = st.line;
    for (const t of st.tokens) a.tokens.push(t);
    collectDefs(a, st, file);
    const opName = st.op && st.kind === 'directive' ? st.op.text.toLowerCase() : undefined;
    if (!opName) continue;
    if (opName === '.macro') {
      const nameTok = st.tokens.find((t) => t.kind === 'macro' && t.def);
      if (!macroName && nameTok) {
        macroName = nameTok.text;
        macroDef = a.defs.find((d) => d.tok === nameTok);
      }
    }
    const openKind = BLOCK_OPEN[opName];
    if (openKind) open.push({ kind: openKind, line: st.line, name: openKind === 'macro' ? macroName : undefined });
    const closeKind = BLOCK_CLOSE[opName];
    if (closeKind) {
      for (let k = open.length - 1; k >= 0; k--) {
        if (open[k].kind === closeKind) {
          const b = open.splice(k)[0];
          a.blocks.push({ kind: b.kind, startLine: b.line, endLine: st.line, name: b.name });
          if (closeKind === 'macro' && !open.some((o) => o.kind === 'macro')) {
            if (macroDef) macroDef.endLine = st.line;
            macroName = undefined;
            macroDef = undefined;
          }
          break;
        }
      }
    }
    if ((opName === '.else' || opName === '.elseif') && open.length && open[open.length - 1].kind === 'if') {
      const b = open[open.length - 1];
      if (st.line - 1 > b.line) a.blocks.push({ kind: 'if', startLine: b.line, endLine: st.line - 1 });
      b.line = st.line;
    }
    if (isSectionDirective(opName) && !macroName) {
      if (section && st.line - 1 > section.line) a.blocks.push({ kind: 'section', startLine: section.line, endLine: st.line - 1, name: section.name });
      section = { line: st.line, name: st.operands[0]?.text.trim().split(/[\s,]/)[0] || opName };
    }
  }
  if (section && lastLine > section.line) a.blocks.push({ kind: 'section', startLine: section.line, endLine: lastLine, name: section.name });
  // unclosed blocks still fold to the end of the file
  for (const b of open) if (lastLine > b.line) a.blocks.push({ kind: b.kind, startLine: b.line, endLine: lastLine, name: b.name });
  if (macroDef && macroDef.endLine === undefined) macroDef.endLine = lastLine;
  resolveLocalLabels(a);
  return a;
}

function collectDefs(a: Analysis, st: Stmt, file: string): void {
  for (const t of st.tokens) {
    if (!t.def) continue;
    if (t.kind === 'label') a.defs.push({ name: t.text, kind: 'label', tok: t, file });
    else if (t.kind === 'local-label') a.defs.push({ name: t.text, kind: 'local', tok: t, file });
    else if (t.kind === 'symbol') a.defs.push({ name: t.text, kind: 'equ', tok: t, file, value: equValue(st) });
    else if (t.kind === 'macro') {
      const params = st.tokens.filter((p) => p.kind === 'param' && p.def).map((p) => p.text);
      a.defs.push({ name: t.text, kind: 'macro', tok: t, file, params, value: st.text.slice(st.opsStart - st.col).trim() });
    }
  }
  if (st.kind === 'directive' && st.op) {
    const name = st.op.text.toLowerCase();
    if (SYMBOL_LIST_DIRECTIVES.has(name) && name !== '.local' && name !== '.hidden' && name !== '.internal' && name !== '.protected') {
      for (const t of st.tokens) if (t.kind === 'symbol') a.globals.add(t.text);
    }
    if (name === '.include') {
      const s = st.tokens.find((t) => t.kind === 'string');
      if (s) {
        const lit = parseStringLiteral(s.text, 0);
        const rel = lit ? new TextDecoder().decode(new Uint8Array(lit.bytes)) : s.text.replace(/^"|"$/g, '');
        a.includes.push({ raw: rel, path: resolveInclude(file, rel), tok: s });
      }
    }
  }
}

function equValue(st: Stmt): string {
  if (st.kind === 'assign') {
    const k = st.text.indexOf('=', st.op ? st.op.end - st.col : 0);
    return st.text.slice(k + 1).trim();
  }
  return st.operands.slice(1).map((o) => o.text.trim()).join(', ');
}

/** Numeric local labels: `Nb` is the nearest `N:` before, `Nf` the nearest after. */
function resolveLocalLabels(a: Analysis): void {
  const byNum = new Map<string, Def[]>();
  for (const d of a.defs) if (d.kind === 'local') {
    let l = byNum.get(d.name);
    if (!l) byNum.set(d.name, (l = []));
    l.push(d);
  }
  const order = (t: Tok) => t.line * 1e6 + t.start;
  for (const [n, list] of byNum) list.forEach((d, i) => (d.tok.key = `local:${a.file}#${n}@${i}`));
  for (const t of a.tokens) {
    if (t.kind !== 'local-ref') continue;
    const n = t.text.slice(0, -1);
    const dir = t.text[t.text.length - 1].toLowerCase();
    const list = byNum.get(n);
    if (!list) continue;
    const pos = order(t);
    let found = -1;
    if (dir === 'b') {
      for (let i = list.length - 1; i >= 0; i--) if (order(list[i].tok) < pos) { found = i; break; }
    } else {
      for (let i = 0; i < list.length; i++) if (order(list[i].tok) > pos) { found = i; break; }
    }
    if (found >= 0) t.key = list[found].tok.key;
  }
}

// ------------------------------------------------------------------ statements

export function parseStatement(text: string, line: number, col: number, index: number, macros: ReadonlySet<string>, inMacro: string | undefined): Stmt {
  const st: Stmt = { index, line, col, text, labels: [], kind: 'empty', opsStart: col + text.length, operands: [], tokens: [], inMacro };
  const tok = (kind: TokKind, s: number, e: number, extra: Partial<Tok> = {}): Tok => {
    const t: Tok = { kind, text: text.slice(s, e), line, start: col + s, end: col + e, stmt: index, ...extra };
    st.tokens.push(t);
    return t;
  };
  let i = skipSpaces(text, 0);
  if (i >= text.length) return st;
  for (;;) {
    const id = readIdent(text, i);
    if (id && text[id.end] === ':') {
      st.labels.push(tok('label', i, id.end, { def: true, key: `sym:${id.name}` }));
      i = skipSpaces(text, id.end + 1);
      continue;
    }
    const num = /^[0-9]+/.exec(text.slice(i, i + 24));
    if (num && text[i + num[0].length] === ':') {
      st.labels.push(tok('local-label', i, i + num[0].length, { def: true }));
      i = skipSpaces(text, i + num[0].length + 1);
      continue;
    }
    break;
  }
  if (i >= text.length) return st;
  let op = readIdent(text, i);
  if (!op && text[i] === '\\' && inMacro) {
    // `\op` inside a macro body: the instruction is a parameter
    const id = readIdent(text, i + 1);
    if (id) op = { name: text.slice(i, id.end), end: id.end };
  }
  if (!op) {
    st.kind = 'bad';
    st.opsStart = col + i;
    scanOperands(st, text, i, tok, undefined, inMacro);
    return st;
  }
  const j = skipSpaces(text, op.end);
  st.opsStart = col + j;
  st.operands = splitTop(text, j).map((o) => ({ text: o.text, start: col + o.start, end: col + o.end }));
  if (text[j] === '=' && text[j + 1] !== '=') {
    st.kind = 'assign';
    st.op = tok('symbol', i, op.end, { def: true, key: `sym:${op.name}` });
    tok('operator', j, j + 1);
    st.operands = splitTop(text, j + 1).map((o) => ({ text: o.text, start: col + o.start, end: col + o.end }));
    scanOperands(st, text, j + 1, tok, undefined, inMacro);
    return st;
  }
  const lower = op.name.toLowerCase();
  if (op.name.startsWith('\\')) {
    st.kind = 'macro-call';
    st.op = tok('param', i, op.end);
    scanOperands(st, text, j, tok, undefined, inMacro);
    return st;
  }
  if (macros.has(op.name) || macros.has(lower)) {
    st.kind = 'macro-call';
    st.op = tok('macro', i, op.end, { key: `macro:${op.name}` });
    scanOperands(st, text, j, tok, undefined, inMacro);
    return st;
  }
  if (lower.startsWith('.')) {
    st.kind = 'directive';
    st.op = tok('directive', i, op.end);
    directiveOperands(st, lower, text, j, tok, inMacro);
    return st;
  }
  st.kind = 'insn';
  st.op = tok(isMnemonic(lower) ? 'mnemonic' : 'unknown-mnemonic', i, op.end);
  scanOperands(st, text, j, tok, slotKinds(lower, text, j), inMacro);
  return st;
}

type TokFn = (kind: TokKind, s: number, e: number, extra?: Partial<Tok>) => Tok;

function directiveOperands(st: Stmt, name: string, text: string, j: number, tok: TokFn, inMacro: string | undefined): void {
  if (DEF_DIRECTIVES.has(name)) {
    const id = readIdent(text, j);
    if (id) {
      tok('symbol', j, id.end, { def: true, key: `sym:${id.name}` });
      scanOperands(st, text, id.end, tok, undefined, inMacro);
      return;
    }
  }
  if (name === '.macro') {
    let k = skipSpaces(text, j);
    if (text[k] === ',') k = skipSpaces(text, k + 1);
    const id = readIdent(text, k);
    if (!id) return;
    tok('macro', k, id.end, { def: true, key: `macro:${id.name}` });
    // parameters: name[:req|:vararg][=default], separated by commas or blanks
    const re = /([A-Za-z_.$][\w.$]*)(:(?:req|vararg))?(\s*=\s*("[^"]*"|[^\s,]*))?/y;
    let p = id.end;
    while (p < text.length) {
      p = skipSpaces(text, p);
      if (text[p] === ',') {
        p++;
        continue;
      }
      re.lastIndex = p;
      const m = re.exec(text);
      if (!m || m.index !== p) break;
      tok('param', p, p + m[1].length, { def: true, key: `param:${id.name}:${m[1]}` });
      p = re.lastIndex;
    }
    return;
  }
  if (name === '.irp' || name === '.irpc') {
    const id = readIdent(text, j);
    if (id) {
      tok('param', j, id.end, { def: true });
      scanOperands(st, text, id.end, tok, undefined, inMacro);
    }
    return;
  }
  if (NAME_ARG_DIRECTIVES.has(name)) {
    scanOperands(st, text, j, tok, undefined, inMacro, true);
    return;
  }
  if (name === '.type') {
    const id = readIdent(text, j);
    if (id) {
      tok('symbol', j, id.end, { key: `sym:${id.name}` });
      scanOperands(st, text, id.end, tok, undefined, inMacro, true);
    }
    return;
  }
  scanOperands(st, text, j, tok, undefined, inMacro);
}

/** Top-level comma-separated operands (outside strings and parentheses). */
export function splitTop(text: string, from: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  if (skipSpaces(text, from) >= text.length) return out;
  let depth = 0;
  let start = from;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const lit = parseStringLiteral(text, i);
      i = lit ? lit.end - 1 : text.length;
      continue;
    }
    if (c === "'") {
      i += text[i + 1] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push({ text: text.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  out.push({ text: text.slice(start), start, end: text.length });
  return out;
}

/**
 * Which operand slot each character of an instruction's operand text belongs
 * to: slots are separated by top-level commas and by a `(` that follows an
 * expression (the `imm(rs1)` form).
 */
export function slotIndexAt(text: string, from: number, at: number): number {
  let slot = 0;
  let depth = 0;
  let slotHasText = false;
  for (let i = from; i < text.length && i < at; i++) {
    const c = text[i];
    if (c === '"') {
      const lit = parseStringLiteral(text, i);
      i = lit ? lit.end - 1 : text.length;
      slotHasText = true;
      continue;
    }
    if (c === ',' && depth === 0) {
      slot++;
      slotHasText = false;
    } else if (c === '(') {
      if (depth === 0 && slotHasText && !/%[A-Za-z_]+\s*$/.test(text.slice(from, i))) {
        slot++;
        slotHasText = false;
        depth = 1;
        continue;
      }
      depth++;
    } else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c !== ' ' && c !== '\t') slotHasText = true;
  }
  return slot;
}

/** Slot count of an operand text, by the same rule. */
function slotCount(text: string, from: number): number {
  if (skipSpaces(text, from) >= text.length) return 0;
  return slotIndexAt(text, from, text.length) + 1;
}

/** Operand kinds for an instruction's slots: the first table entry whose slot count matches. */
export function slotKinds(mnemonic: string, text: string, from: number): OperandKind[] | undefined {
  const specs = insnSpecs(mnemonic);
  if (specs.length === 0) return pseudoSlotKinds(mnemonic);
  const n = slotCount(text, from);
  let best: OperandKind[] | undefined;
  for (const s of specs) {
    const kinds = parseSyntax(s.syntax).kinds as OperandKind[];
    if (kinds.length === n) return kinds;
    best ??= kinds;
  }
  // pseudo forms (lw a0, sym) have their own shapes
  return pseudoSlotKinds(mnemonic) ?? best;
}

function pseudoSlotKinds(mnemonic: string): OperandKind[] | undefined {
  const p = pseudoSpecs(mnemonic)[0];
  if (!p) return undefined;
  return p.syntax.split(',').map((s) => s.trim()).map((s): OperandKind => {
    if (s === 'rd' || s === 'rt' || s === 'rs') return 'rd';
    if (s === 'rs2') return 'rs2';
    if (s === 'fd' || s === 'fs2') return 'fd';
    return 'imm12';
  });
}

function scanOperands(st: Stmt, text: string, from: number, tok: TokFn, kinds: OperandKind[] | undefined, inMacro: string | undefined, names = false): void {
  let i = from;
  let slot = 0;
  let depth = 0;
  let slotHasText = false;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const slotKind = kinds?.[slot];
    if (c === '"') {
      const lit = parseStringLiteral(text, i);
      const e = lit ? lit.end : text.length;
      tok('string', i, e);
      i = e;
      slotHasText = true;
      continue;
    }
    if (c === "'") {
      const e = Math.min(text.length, text[i + 1] === '\\' ? i + 3 : i + 2) + (text[i + (text[i + 1] === '\\' ? 3 : 2)] === "'" ? 1 : 0);
      tok('number', i, Math.min(e, text.length));
      i = Math.min(e, text.length);
      slotHasText = true;
      continue;
    }
    if (c === '\\') {
      const id = readIdent(text, i + 1);
      const e = id ? id.end : text[i + 1] === '@' || text[i + 1] === '(' ? i + 2 + (text[i + 1] === '(' && text[i + 2] === ')' ? 1 : 0) : i + 1;
      tok('param', i, e, inMacro && id ? { key: `param:${inMacro}:${id.name}` } : {});
      i = e;
      slotHasText = true;
      continue;
    }
    if (c === '%') {
      const m = /^%([A-Za-z_]+)/.exec(text.slice(i, i + 32));
      if (m) {
        tok('reloc', i, i + m[0].length);
        i += m[0].length;
        slotHasText = true;
        continue;
      }
    }
    if (c >= '0' && c <= '9') {
      let e = i + 1;
      while (e < text.length && isIdentPart(text[e])) e++;
      const s = text.slice(i, e);
      if (/^[0-9]+[bfBF]$/.test(s) && !/^0[bB][01]+$/.test(s)) {
        tok('local-ref', i, e);
      } else if (slotKind === 'csr') {
        const v = parseNumberLiteral(s);
        tok('csr', i, e, v !== undefined ? { key: `csr:${v}`, slot: slotKind } : { slot: slotKind });
      } else tok('number', i, e, slotKind ? { slot: slotKind } : {});
      i = e;
      slotHasText = true;
      continue;
    }
    if (isIdentStart(c)) {
      let e = i + 1;
      while (e < text.length && isIdentPart(text[e])) e++;
      const name = text.slice(i, e);
      classifyIdent(name, i, e, slotKind, tok, names);
      i = e;
      slotHasText = true;
      continue;
    }
    if (c === '@' && names) {
      let e = i + 1;
      while (e < text.length && isIdentPart(text[e])) e++;
      tok('keyword', i, e);
      i = e;
      continue;
    }
    // punctuation: track slots for instruction operands
    if (c === ',' && depth === 0) {
      slot++;
      slotHasText = false;
    } else if (c === '(') {
      if (depth === 0 && slotHasText && text[i - 1] !== '%' && !/%[A-Za-z_]+\s*$/.test(text.slice(from, i))) {
        slot++;
        slotHasText = false;
        depth = 1;
        i++;
        continue;
      }
      depth++;
    } else if (c === ')') depth = Math.max(0, depth - 1);
    if ('+-*/%|&^!~<>='.includes(c)) tok('operator', i, i + 1);
    i++;
  }
}

function classifyIdent(name: string, s: number, e: number, slot: OperandKind | undefined, tok: TokFn, names: boolean): void {
  if (names) {
    tok('keyword', s, e);
    return;
  }
  if (name === '.') {
    tok('keyword', s, e);
    return;
  }
  if (slot === 'csr') {
    const n = csrNumberOf(name);
    if (n !== undefined) {
      tok('csr', s, e, { key: `csr:${n}`, slot });
      return;
    }
  }
  if (slot === 'rm' || slot === 'pred' || slot === 'succ') {
    tok('keyword', s, e, { slot });
    return;
  }
  const rk = registerKey(name);
  if (rk !== undefined && (slot === undefined || regFileOf(slot) !== undefined || !isPcOrImmWithSymbol(slot))) {
    tok('register', s, e, { key: `reg:${rk}`, slot });
    return;
  }
  tok('symbol', s, e, { key: `sym:${name}`, slot });
}

function isPcOrImmWithSymbol(_slot: OperandKind): boolean {
  // A register name in an immediate slot is still most likely a register
  // (the user is mid-edit); treating it as a symbol would hide that.
  return false;
}

/** Value of a number literal as the assembler reads it (0x, 0b, leading-0 octal, decimal). */
export function parseNumberLiteral(s: string): number | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]{1,13})$/.exec(s))) return parseInt(m[1], 16);
  if ((m = /^0[bB]([01]{1,52})$/.exec(s))) return parseInt(m[1], 2);
  if (/^0[0-7]{1,17}$/.test(s)) return parseInt(s, 8);
  if (/^[1-9][0-9]{0,15}$/.test(s)) return parseInt(s, 10);
  return undefined;
}

/** Exact value of a literal as a bigint (for hover), or undefined. */
export function literalValue(s: string): bigint | undefined {
  try {
    let m: RegExpExecArray | null;
    if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(s))) return BigInt('0x' + m[1]);
    if ((m = /^0[bB]([01]+)$/.exec(s))) return BigInt('0b' + m[1]);
    if (/^0[0-7]+$/.test(s)) return BigInt('0o' + s.slice(1));
    if (/^[0-9]+$/.test(s)) return BigInt(s);
    if ((m = /^'(\\?.)'?$/.exec(s))) return BigInt(m[1].length === 2 ? ({ n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39 } as Record<string, number>)[m[1][1]] ?? m[1].charCodeAt(1) : m[1].charCodeAt(0));
  } catch {
    return undefined;
  }
  return undefined;
}

// ------------------------------------------------------------------ queries

/** The token under (or just before) a position. */
export function tokenAt(a: Analysis, line: number, ch: number): Tok | undefined {
  const toks = a.tokens;
  let lo = 0;
  let hi = toks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = toks[mid];
    if (t.line < line || (t.line === line && t.end < ch)) lo = mid + 1;
    else if (t.line > line || t.start > ch) hi = mid - 1;
    else {
      // prefer a token starting at ch over one ending there
      const next = toks[mid + 1];
      if (t.end === ch && next && next.line === line && next.start === ch) return next;
      return t;
    }
  }
  return undefined;
}

/** The statement covering a position (the last one starting at or before it on that line). */
export function stmtAt(a: Analysis, line: number, ch: number): Stmt | undefined {
  let lo = 0;
  let hi = a.stmts.length - 1;
  let best: Stmt | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = a.stmts[mid];
    if (s.line < line || (s.line === line && s.col <= ch)) {
      if (s.line === line) best = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

export function defsNamed(a: Analysis, name: string): Def[] {
  return a.defs.filter((d) => d.name === name && d.kind !== 'local');
}
