/**
 * The assembler core: reads statements, keeps sections, frags and symbols,
 * runs directives, macros and conditionals, and hands instructions to
 * `instructions.ts`. Errors are collected as diagnostics; nothing here throws
 * out of `assemble`.
 */
import type { SourcePos } from '../obj/types';
import { Diagnostic, suggest } from './diagnostics';
import { Expr, ExprError, applyBinary, applyUnary, parseExpr } from './expr';
import { LexProblem, SourceLine, isIdentPart, parseStringLiteral, readIdent, skipSpaces, splitStatements } from './lexer';
import { Arch, parseMarch } from './march';
import type { AlignTail, BranchTail, FixKind, Frag, Section, Sym, Val } from './state';
import { symAddr } from './state';

/** A problem tied to a span of a statement's text; caught per statement. */
export class AsmError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly code: string) {
    super(message);
  }
}

interface Macro {
  name: string;
  params: { name: string; def?: string; req?: boolean; vararg?: boolean }[];
  body: SourceLine[];
}

interface Cond {
  active: boolean;       // this branch is being assembled
  taken: boolean;        // some branch of this .if was already taken
  parentActive: boolean;
  sawElse: boolean;
  line: SourceLine;
}

interface Options {
  rvc: boolean;
  relax: boolean;
  arch: Arch;
  pic: boolean;
}

export interface EvalCtx {
  /** Fold differences of labels in the same frag even in code sections. */
  foldCode: boolean;
  /** Accept constants wider than 64 bits (truncated, with a warning): data directives. */
  allowBig?: boolean;
}

const MAX_EXPANSION_DEPTH = 64;
const MAX_REPT = 1_000_000;
const MAX_EXPANDED_LINES = 500_000;

export const DIRECTIVES = [
  '.text', '.data', '.bss', '.rodata', '.section', '.sect', '.pushsection', '.popsection', '.previous',
  '.globl', '.global', '.local', '.weak', '.hidden', '.protected', '.internal',
  '.align', '.balign', '.p2align', '.balignw', '.balignl', '.p2alignw', '.p2alignl',
  '.byte', '.half', '.short', '.hword', '.word', '.long', '.int', '.dword', '.quad', '.2byte', '.4byte', '.8byte',
  '.uleb128', '.sleb128', '.ascii', '.asciz', '.string', '.zero', '.space', '.skip', '.fill',
  '.equ', '.set', '.equiv', '.eqv', '.option', '.include', '.macro', '.endm', '.exitm', '.rept', '.endr', '.irp', '.irpc',
  '.if', '.ifdef', '.ifndef', '.ifnotdef', '.ifeq', '.ifne', '.ifgt', '.ifge', '.iflt', '.ifle', '.ifc', '.ifnc', '.ifb', '.ifnb',
  '.else', '.elseif', '.endif', '.type', '.size', '.file', '.ident', '.attribute', '.insn', '.end', '.err', '.error', '.warning',
  '.comm', '.lcomm', '.loc', '.cfi_startproc', '.cfi_endproc', '.purgem', '.print', '.dtprelword', '.dtpreldword', '.org',
];

export class Assembler {
  readonly diags: Diagnostic[] = [];
  readonly sections: Section[] = [];
  readonly symbols = new Map<string, Sym>();
  readonly symList: Sym[] = [];
  cur!: Section;
  prevSection: Section | undefined;
  sectionStack: { cur: Section; prev: Section | undefined }[] = [];
  opts: Options;
  optStack: Options[] = [];
  readonly initialArch: Arch;
  /** C was enabled at some point (sets EF_RISCV_RVC). */
  everRvc: boolean;
  private readonly macros = new Map<string, Macro>();
  private conds: Cond[] = [];
  private localCounts = new Map<number, number>();
  private depth = 0;
  private macroCounter = 0;
  private ended = false;
  private includeStack: string[] = [];
  /** Current statement (for diagnostics from helpers). */
  stmt!: SourceLine;
  /** Set by instructions.ts: assembles one instruction statement. */
  insnHandler: (a: Assembler, mnemonic: string, mStart: number, ops: string, opsStart: number) => void = () => {
    throw new AsmError('instruction support is not available', 0, 1, 'internal');
  };
  /** All mnemonics (for suggestions), set by instructions.ts. */
  mnemonicNames: () => Iterable<string> = () => [];
  /** Is this a known mnemonic (set by instructions.ts)? */
  isMnemonic: (name: string) => boolean = () => false;

  constructor(readonly file: string, march: string, relax: boolean, readonly readFile?: (path: string) => string | undefined) {
    let arch = parseMarch(march);
    if (typeof arch === 'string') {
      this.diags.push({ file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, severity: 'error', message: arch, code: 'bad-march' });
      arch = parseMarch('rv64imafd_zicsr_zifencei') as Arch;
    }
    this.initialArch = arch;
    this.opts = { rvc: arch.names.has('c'), relax, arch, pic: false };
    this.everRvc = this.opts.rvc;
    const text = this.makeSection('.text', 'progbits', true, false, true);
    text.align = this.opts.rvc ? 2 : 4;
    this.makeSection('.data', 'progbits', true, true, false);
    this.makeSection('.bss', 'nobits', true, true, false);
    this.cur = text;
  }

  // ---------------------------------------------------------------- diagnostics

  /** Column (0-based in the statement text) of the instruction being assembled. */
  insnStart = 0;

  /** Where the current instruction is written (for the line table). */
  pos(): SourcePos {
    return { file: this.stmt.file, line: this.stmt.line, column: this.stmt.col + this.insnStart };
  }

  posAt(i: number): SourcePos {
    return { file: this.stmt.file, line: this.stmt.line, column: this.stmt.col + i };
  }

  report(severity: 'error' | 'warning', message: string, start: number, end: number, code: string, line: SourceLine = this.stmt): void {
    const s = Math.max(0, start);
    const e = Math.max(s + 1, end);
    this.diags.push({
      file: line.file,
      range: { start: { line: line.line, column: line.col + s }, end: { line: line.line, column: line.col + e } },
      severity,
      message,
      code,
    });
  }

  error(message: string, start: number, end: number, code: string): void {
    this.report('error', message, start, end, code);
  }

  warn(message: string, start: number, end: number, code: string): void {
    this.report('warning', message, start, end, code);
  }

  // ---------------------------------------------------------------- sections & frags

  makeSection(name: string, kind: Section['kind'], alloc: boolean, write: boolean, exec: boolean): Section {
    const sec: Section = { name, index: this.sections.length, kind, alloc, write, exec, align: 1, frags: [] };
    sec.frags.push(this.newFrag(sec));
    this.sections.push(sec);
    const sym = this.newSym(name, true);
    sym.def = 'label';
    sym.sec = sec;
    sym.frag = sec.frags[0];
    sym.off = 0;
    sym.type = 'section';
    sym.isSection = true;
    sec.sym = sym;
    return sec;
  }

  newFrag(sec: Section): Frag {
    return { sec, bytes: [], fixups: [], addr: 0, tailSize: 0, lines: [] };
  }

  get frag(): Frag {
    const f = this.cur.frags;
    return f[f.length - 1];
  }

  /** Ends the current frag with a variable tail and opens a new one. */
  closeFrag(tail: BranchTail | AlignTail): void {
    this.frag.tail = tail;
    this.cur.frags.push(this.newFrag(this.cur));
  }

  emitBytes(bytes: ArrayLike<number>): void {
    if (this.cur.kind === 'nobits') {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== 0) {
          this.error(`attempt to store non-zero value in section '${this.cur.name}'`, 0, this.stmt.text.length, 'nobits-data');
          break;
        }
      }
    }
    const b = this.frag.bytes;
    for (let i = 0; i < bytes.length; i++) b.push(bytes[i] & 0xff);
  }

  emitLE(value: bigint | number, size: number): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    for (let i = 0; i < size; i++) {
      out.push(Number(v & 0xffn));
      v >>= 8n;
    }
    this.emitBytes(out);
  }

  here(): number {
    return this.frag.bytes.length;
  }

  addFixup(kind: FixKind, reloc: number, off: number, size: number, v: Val, start: number, end: number): void {
    this.frag.fixups.push({ frag: this.frag, off, size, kind, reloc, sym: v.sym, sub: v.sub, addend: v.add, pos: this.posAt(start), endCol: this.stmt.col + end, relax: this.opts.relax });
  }

  /** File and (GNU-counted) line of the last line-table row, in any section. */
  private lastRow?: { file: string; line: number };

  /**
   * Notes where an instruction starts. GNU as (dwarf2dbg.c) starts a new
   * line-table row only when the file or line differs from the previous row's,
   * wherever that row was (another section included): a multi-instruction
   * pseudo, `a; b` on one line, or a macro expansion (whose lines all carry the
   * invocation's line) gets one row, and a .rept body one row per body line
   * unless it repeats a single line. The line is the one GNU counts
   * (SourceLine.gnuLine, after a multi-line block comment). Every instruction
   * is still recorded, at its real position, for editor features that show
   * what a statement emitted.
   */
  recordLine(off: number): void {
    const pos = this.pos();
    const line = this.stmt.gnuLine ?? pos.line;
    const last = this.lastRow;
    const row = !last || last.line !== line || last.file !== pos.file;
    if (row) this.lastRow = { file: pos.file, line };
    this.frag.lines.push({ off, pos, row: row ? line : undefined });
  }

  isCode(sec: Section = this.cur): boolean {
    return sec.exec;
  }

  // ---------------------------------------------------------------- symbols

  private order = 0;

  newSym(name: string, internal = false): Sym {
    const s: Sym = {
      name, def: 'undef', off: 0, value: 0n, binding: 'local', type: 'notype', inReloc: false,
      temp: internal || name.startsWith('.L'), order: this.order++, used: false,
    };
    if (!internal) this.symbols.set(name, s);
    else this.internals.set(name, s);
    this.symList.push(s);
    return s;
  }

  getSym(name: string): Sym {
    return this.symbols.get(name) ?? this.newSym(name);
  }

  /** A nameless label at the current location (GNU's ".L0 " symbols). */
  fakeLabel(): Sym {
    const s = this.newSym('.L0 ', true);
    s.def = 'label';
    s.sec = this.cur;
    s.frag = this.frag;
    s.off = this.here();
    return s;
  }

  defineLabel(name: string, start: number, end: number): void {
    let sym: Sym;
    if (/^[0-9]+$/.test(name)) {
      const n = parseInt(name, 10);
      const count = (this.localCounts.get(n) ?? 0) + 1;
      this.localCounts.set(n, count);
      const lname = `.L${n}\u0002${count}`;
      sym = this.findInternal(lname) ?? this.newSym(lname, true);
    } else {
      sym = this.getSym(name);
      if (sym.def !== 'undef') {
        const where = sym.pos ? ` (first defined at ${sym.pos.file}:${sym.pos.line})` : '';
        this.error(`symbol '${name}' is already defined${where}`, start, end, 'duplicate-symbol');
        return;
      }
    }
    sym.def = 'label';
    sym.sec = this.cur;
    sym.frag = this.frag;
    sym.off = this.here();
    sym.pos = this.posAt(start);
  }

  localRef(n: number, dir: 'b' | 'f', start: number, end: number): Sym {
    const count = this.localCounts.get(n) ?? 0;
    if (dir === 'b') {
      if (count === 0) throw new AsmError(`no previous definition of local label '${n}' for '${n}b'`, start, end, 'undefined-local-label');
      return this.findInternal(`.L${n}\u0002${count}`)!;
    }
    const name = `.L${n}\u0002${count + 1}`;
    let s = this.findInternal(name);
    if (!s) {
      s = this.newSym(name, true);
      this.pendingForward.push({ sym: s, n, line: this.stmt, start, end });
    }
    return s;
  }

  private internals = new Map<string, Sym>();
  private pendingForward: { sym: Sym; n: number; line: SourceLine; start: number; end: number }[] = [];

  private findInternal(name: string): Sym | undefined {
    return this.internals.get(name);
  }

  // ---------------------------------------------------------------- expressions

  parseExprAt(text: string, i: number): { e: Expr; end: number } {
    try {
      return parseExpr(text, i);
    } catch (err) {
      if (err instanceof ExprError) throw new AsmError(err.message, err.start, err.end, 'bad-expression');
      throw err;
    }
  }

  /** Evaluates an expression to addend + symbol - symbol (throws AsmError). */
  evalExpr(e: Expr, ctx: EvalCtx = { foldCode: false }, dot?: Sym): Val {
    switch (e.k) {
      case 'num':
        if (e.big) {
          if (!ctx.allowBig) throw new AsmError('constant does not fit in 64 bits', e.start, e.end, 'out-of-range');
          this.warn('constant does not fit in 64 bits: truncated', e.start, e.end, 'truncated');
        }
        return { add: e.v };
      case 'dot':
        return { add: 0n, sym: dot ?? this.fakeLabel() };
      case 'local':
        return { add: 0n, sym: this.localRef(e.n, e.dir, e.start, e.end) };
      case 'sym': {
        const s = this.getSym(e.name);
        s.used = true;
        return this.symValue(s, ctx, e.start, e.end);
      }
      case 'reloc': {
        const inner = this.evalExpr(e.e, ctx, dot);
        return { ...inner, reloc: e.op };
      }
      case 'un': {
        const v = this.evalExpr(e.e, ctx, dot);
        if (v.reloc) throw new AsmError(`%${v.reloc} must be the whole operand`, e.start, e.end, 'bad-expression');
        if (!v.sym && !v.sub) return { add: applyUnary(e.op, v.add) };
        if (e.op === '+') return v;
        if (e.op === '-' && v.sym && v.sub) return { add: -v.add, sym: v.sub, sub: v.sym };
        throw new AsmError(`invalid operand of unary '${e.op}': the value is not a constant`, e.start, e.end, 'not-constant');
      }
      case 'bin': {
        const l = this.evalExpr(e.l, ctx, dot);
        const r = this.evalExpr(e.r, ctx, dot);
        if (l.reloc || r.reloc) throw new AsmError(`relocation operator must be the whole operand`, e.start, e.end, 'bad-expression');
        const lc = !l.sym && !l.sub;
        const rc = !r.sym && !r.sub;
        try {
          if (lc && rc) return { add: applyBinary(e.op, l.add, r.add) };
        } catch (err) {
          throw new AsmError((err as Error).message, e.start, e.end, 'bad-expression');
        }
        if (e.op === '+') {
          if (rc) return { ...l, add: BigInt.asIntN(64, l.add + r.add) };
          if (lc) return { ...r, add: BigInt.asIntN(64, l.add + r.add) };
          if (l.sym && !l.sub && r.sym && r.sub) return this.difference(l.sym, r.sub, BigInt.asIntN(64, l.add + r.add), ctx, r.sym, e);
          if (r.sym && !r.sub && l.sym && l.sub) return this.difference(r.sym, l.sub, BigInt.asIntN(64, l.add + r.add), ctx, l.sym, e);
        } else if (e.op === '-') {
          if (rc) return { ...l, add: BigInt.asIntN(64, l.add - r.add) };
          if (l.sym && !l.sub && r.sym && !r.sub) return this.difference(l.sym, r.sym, BigInt.asIntN(64, l.add - r.add), ctx, undefined, e);
          if (l.sym && l.sub && r.sym && r.sub) {
            // (a - b) - (c - d): only when it folds
            const a = this.difference(l.sym, l.sub, l.add, ctx, undefined, e);
            const b = this.difference(r.sym, r.sub, r.add, ctx, undefined, e);
            if (!a.sym && !b.sym) return { add: BigInt.asIntN(64, a.add - b.add) };
          }
        } else {
          // comparisons and arithmetic on differences that fold
          const lf = l.sym && l.sub ? this.difference(l.sym, l.sub, l.add, ctx, undefined, e) : l;
          const rf = r.sym && r.sub ? this.difference(r.sym, r.sub, r.add, ctx, undefined, e) : r;
          if (!lf.sym && !rf.sym) {
            try {
              return { add: applyBinary(e.op, lf.add, rf.add) };
            } catch (err) {
              throw new AsmError((err as Error).message, e.start, e.end, 'bad-expression');
            }
          }
        }
        throw new AsmError(`expression is not a constant: operator '${e.op}' needs values known at assembly time`, e.start, e.end, 'not-constant');
      }
    }
  }

  private symValue(s: Sym, ctx: EvalCtx, start: number, end: number): Val {
    if (s.def === 'abs') return { add: s.value };
    if (s.def === 'expr' && s.expr) {
      if (s.busy) throw new AsmError(`symbol '${s.name}' is defined in terms of itself`, start, end, 'recursive-symbol');
      s.busy = true;
      try {
        const v = this.evalExpr(s.expr, { foldCode: true }, s.exprDot);
        // GNU resolves an equated difference fully when it can
        if (v.sym && v.sub) return this.difference(v.sym, v.sub, v.add, { foldCode: true }, undefined, s.expr);
        return v;
      } finally {
        s.busy = false;
      }
    }
    return { add: 0n, sym: s };
  }

  /** a - b + add: folds when both are in the same frag (or in the same
   * section once laid out); otherwise stays symbolic. */
  difference(a: Sym, b: Sym, add: bigint, ctx: EvalCtx, extra: Sym | undefined, e: Expr): Val {
    if (extra) throw new AsmError('expression too complex', e.start, e.end, 'not-constant');
    if (a === b) return { add };
    if (a.def === 'label' && b.def === 'label' && a.sec === b.sec && a.frag && b.frag) {
      const canFold = ctx.foldCode || !this.isCode(a.sec!);
      if (canFold && this.fixedDistance(b.frag, a.frag) !== undefined) {
        const d = this.fixedDistance(b.frag, a.frag)!;
        return { add: BigInt.asIntN(64, add + BigInt(d + a.off - b.off)) };
      }
    }
    return { add, sym: a, sub: b };
  }

  /** Distance from the start of frag `from` to the start of `to` when no variable tail lies between. */
  private fixedDistance(from: Frag, to: Frag): number | undefined {
    if (from === to) return 0;
    const list = from.sec.frags;
    let i = list.indexOf(from);
    let j = list.indexOf(to);
    let sign = 1;
    if (i > j) {
      [i, j] = [j, i];
      sign = -1;
    }
    let d = 0;
    for (let k = i; k < j; k++) {
      const t = list[k].tail;
      if (t) {
        // an alignment that is already satisfied for any layout is fixed (0 bytes) only if align==1
        return undefined;
      }
      d += list[k].bytes.length;
    }
    return sign * d;
  }

  /** Evaluates to a constant (for directives); throws with a clear message otherwise. */
  constExpr(text: string, i: number, what: string): { v: bigint; end: number } {
    const { e, end } = this.parseExprAt(text, i);
    const after = skipSpaces(text, end);
    if (after < text.length && text[after] !== ',') throw new AsmError(`junk at end of ${what}: unexpected '${text.slice(after).trim()}'`, after, text.length, 'syntax');
    const v = this.evalExpr(e, { foldCode: true });
    if (v.sym || v.sub || v.reloc) {
      const name = v.sym ? ` (symbol '${v.sym.name}' ${v.sym.def === 'undef' ? 'is not defined yet' : 'is not a constant'})` : '';
      throw new AsmError(`${what} must be a constant expression${name}`, e.start, end, 'not-constant');
    }
    return { v: v.add, end };
  }

  // ---------------------------------------------------------------- driver

  run(source: string, file: string): void {
    const problems: LexProblem[] = [];
    const lines = splitStatements(source, file, problems);
    for (const p of problems) {
      this.diags.push({ file: p.file, range: { start: { line: p.line, column: p.col }, end: { line: p.line, column: p.endCol } }, severity: p.severity ?? 'error', message: p.message, code: p.code });
    }
    this.runLines(lines);
  }

  finishChecks(): void {
    for (const c of this.conds) this.report('error', "'.if' has no matching '.endif'", 0, c.line.text.length, 'unterminated-conditional', c.line);
    this.conds = [];
    for (const f of this.pendingForward) {
      if (f.sym.def === 'undef') this.report('error', `local label '${f.n}' referenced as '${f.n}f' is never defined after this point`, f.start, f.end, 'undefined-local-label', f.line);
    }
  }

  runLines(lines: SourceLine[]): void {
    for (let i = 0; i < lines.length && !this.ended; i++) {
      const line = lines[i];
      this.stmt = line;
      try {
        const consumed = this.statement(lines, i);
        i += consumed;
      } catch (err) {
        if (err instanceof AsmError) this.error(err.message, err.start, err.end, err.code);
        else {
          this.error(`internal assembler error: ${(err as Error).message}`, 0, line.text.length, 'internal');
        }
      }
    }
  }

  private get active(): boolean {
    return this.conds.length === 0 || this.conds[this.conds.length - 1].active;
  }

  /** Assembles one statement; returns how many following lines it consumed. */
  private statement(lines: SourceLine[], idx: number): number {
    const text = this.stmt.text;
    let i = skipSpaces(text, 0);
    if (i >= text.length) return 0;

    // conditionals are tracked even when inactive
    const word = readIdent(text, i);
    const lower = word?.name.toLowerCase();
    if (lower && this.handleConditional(lower, text, i, word!.end)) return 0;
    if (!this.active) {
      if (lower === '.macro' || lower === '.rept' || lower === '.irp' || lower === '.irpc') return this.collectBlock(lines, idx, lower).consumed;
      return 0;
    }

    // labels
    for (;;) {
      const id = readIdent(text, i);
      const num = /^[0-9]+/.exec(text.slice(i));
      if (id && text[id.end] === ':') {
        this.defineLabel(id.name, i, id.end);
        i = skipSpaces(text, id.end + 1);
        continue;
      }
      if (num && text[i + num[0].length] === ':') {
        this.defineLabel(num[0], i, i + num[0].length);
        i = skipSpaces(text, i + num[0].length + 1);
        continue;
      }
      break;
    }
    if (i >= text.length) return 0;
    const op = readIdent(text, i);
    if (!op) {
      this.error(`unexpected '${text[i]}': expected a label, instruction or directive`, i, i + 1, 'syntax');
      return 0;
    }
    let j = skipSpaces(text, op.end);
    if (text[j] === '=' && text[j + 1] !== '=') {
      this.assign(op.name, i, op.end, text, j + 1, 'set');
      return 0;
    }
    const name = op.name.toLowerCase();
    const macro = this.macros.get(op.name) ?? this.macros.get(name);
    if (macro) {
      this.expandMacro(macro, text, j, i, op.end);
      return 0;
    }
    this.insnStart = i;
    if (name.startsWith('.')) return this.directive(name, i, op.end, text, j, lines, idx);
    this.insnHandler(this, name, i, text.slice(j), j);
    return 0;
  }

  // ---------------------------------------------------------------- conditionals

  private handleConditional(name: string, text: string, start: number, end: number): boolean {
    const argStart = skipSpaces(text, end);
    const parent = this.active;
    const evalCond = (): boolean => {
      const rest = text.slice(argStart).trim();
      switch (name) {
        case '.ifdef':
        case '.ifndef':
        case '.ifnotdef': {
          const id = readIdent(text, argStart);
          if (!id) throw new AsmError(`${name} needs a symbol name`, start, end, 'syntax');
          const s = this.symbols.get(id.name);
          const def = !!s && s.def !== 'undef';
          return name === '.ifdef' ? def : !def;
        }
        case '.ifb': return rest === '';
        case '.ifnb': return rest !== '';
        case '.ifc':
        case '.ifnc': {
          const [a, b] = splitOperands(text, argStart).map((p) => unquote(p.text.trim()));
          const eq = a === b;
          return name === '.ifc' ? eq : !eq;
        }
        default: {
          const { v } = this.constExpr(text, argStart, name);
          switch (name) {
            case '.if': case '.ifne': case '.elseif': return v !== 0n;
            case '.ifeq': return v === 0n;
            case '.ifgt': return v > 0n;
            case '.ifge': return v >= 0n;
            case '.iflt': return v < 0n;
            case '.ifle': return v <= 0n;
          }
          return false;
        }
      }
    };
    if (name.startsWith('.if')) {
      if (!['.if', '.ifdef', '.ifndef', '.ifnotdef', '.ifeq', '.ifne', '.ifgt', '.ifge', '.iflt', '.ifle', '.ifc', '.ifnc', '.ifb', '.ifnb'].includes(name)) return false;
      let v = false;
      if (parent) {
        try {
          v = evalCond();
        } catch (err) {
          if (err instanceof AsmError) this.error(err.message, err.start, err.end, err.code);
          else throw err;
        }
      }
      this.conds.push({ active: parent && v, taken: v, parentActive: parent, sawElse: false, line: this.stmt });
      return true;
    }
    if (name === '.elseif' || name === '.else' || name === '.endif') {
      const c = this.conds[this.conds.length - 1];
      if (!c) {
        this.error(`'${name}' without a matching '.if'`, start, end, 'unmatched-conditional');
        return true;
      }
      if (name === '.endif') {
        this.conds.pop();
        return true;
      }
      if (c.sawElse) {
        this.error(`'${name}' after '.else'`, start, end, 'unmatched-conditional');
        return true;
      }
      if (name === '.else') {
        c.sawElse = true;
        c.active = c.parentActive && !c.taken;
        c.taken = true;
        return true;
      }
      let v = false;
      if (c.parentActive && !c.taken) {
        try {
          v = evalCond();
        } catch (err) {
          if (err instanceof AsmError) this.error(err.message, err.start, err.end, err.code);
          else throw err;
        }
      }
      c.active = c.parentActive && !c.taken && v;
      if (v) c.taken = true;
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- macros, .rept, .irp

  /** Collects the body of a block (.macro/.rept/.irp/.irpc) up to its end. */
  private collectBlock(lines: SourceLine[], idx: number, kind: string): { body: SourceLine[]; consumed: number; closed: boolean } {
    const endName = kind === '.macro' ? '.endm' : '.endr';
    let depth = 1;
    const body: SourceLine[] = [];
    for (let k = idx + 1; k < lines.length; k++) {
      const t = lines[k].text;
      const w = firstWord(t);
      if (w === '.macro' && kind === '.macro') depth++;
      else if ((w === '.rept' || w === '.irp' || w === '.irpc') && kind !== '.macro') depth++;
      else if (w === endName || (kind === '.macro' && w === '.endmacro')) {
        depth--;
        if (depth === 0) return { body, consumed: k - idx, closed: true };
      }
      body.push(lines[k]);
    }
    return { body, consumed: lines.length - 1 - idx, closed: false };
  }

  private expandLines(body: SourceLine[], subst: (s: string) => string): SourceLine[] {
    const out: SourceLine[] = [];
    for (const l of body) {
      const t = subst(l.text);
      // a substituted line may contain ';' separators: split it again
      const parts = splitStatements(t, l.file, []);
      for (const p of parts) {
        const e: SourceLine = { file: l.file, line: l.line, col: l.col + p.col - 1, text: p.text };
        if (l.gnuLine !== undefined) e.gnuLine = l.gnuLine;
        out.push(e);
      }
    }
    return out;
  }

  /** Lines produced by macro/.rept/.irp expansion so far (bounded, so bad input cannot blow up). */
  private expanded = 0;

  private runNested(lines: SourceLine[], start: number, end: number): void {
    this.expanded += lines.length;
    if (this.expanded > MAX_EXPANDED_LINES) {
      this.error(`macro/repeat expansion produced more than ${MAX_EXPANDED_LINES} lines; stopping`, start, end, 'expansion-size');
      return;
    }
    if (this.depth >= MAX_EXPANSION_DEPTH) {
      this.error(`macro or repeat nesting is too deep (more than ${MAX_EXPANSION_DEPTH} levels)`, start, end, 'expansion-depth');
      return;
    }
    const saved = this.stmt;
    const condDepth = this.conds.length;
    this.depth++;
    try {
      this.runLines(lines);
    } finally {
      this.depth--;
      while (this.conds.length > condDepth) {
        const c = this.conds.pop()!;
        this.report('error', "'.if' has no matching '.endif' inside this expansion", 0, c.line.text.length, 'unterminated-conditional', c.line);
      }
      this.stmt = saved;
    }
  }

  private expandMacro(m: Macro, text: string, argStart: number, nameStart: number, nameEnd: number): void {
    const args = splitMacroArgs(text, argStart);
    const values = new Map<string, string>();
    let positional = 0;
    for (const a of args) {
      const kv = /^\s*([A-Za-z_.$][\w.$]*)\s*=(?!=)/.exec(a.text);
      if (kv && m.params.some((p) => p.name === kv[1])) {
        values.set(kv[1], a.text.slice(kv[0].length).trim());
        continue;
      }
      if (positional >= m.params.length) {
        this.error(`too many arguments for macro '${m.name}' (it takes ${m.params.length})`, a.start, a.end, 'macro-args');
        return;
      }
      const p = m.params[positional++];
      if (p.vararg) {
        values.set(p.name, text.slice(a.start).trim());
        break;
      }
      values.set(p.name, a.text.trim());
    }
    for (const p of m.params) {
      if (!values.has(p.name) || values.get(p.name) === '') {
        if (p.req) {
          this.error(`missing value for required argument '${p.name}' of macro '${m.name}'`, nameStart, nameEnd, 'macro-args');
          return;
        }
        values.set(p.name, values.get(p.name) || p.def || '');
      }
    }
    const counter = String(this.macroCounter++);
    const names = [...m.params.map((p) => p.name)].sort((a, b) => b.length - a.length);
    const subst = (s: string) =>
      s.replace(/\\(@|\(\)|[A-Za-z_.$][\w.$]*)/g, (all, n: string) => {
        if (n === '@') return counter;
        if (n === '()') return '';
        for (const pn of names) if (n.startsWith(pn) && n === pn) return values.get(pn)!;
        // longest parameter that is a prefix, followed by other characters
        for (const pn of names) if (n.startsWith(pn)) return values.get(pn)! + n.slice(pn.length);
        return all;
      });
    // `.exitm` ends the expansion early
    const body: SourceLine[] = [];
    for (const l of m.body) {
      if (firstWord(l.text) === '.exitm') break;
      body.push(l);
    }
    // positions of expanded lines: report them at the invocation, which is what users can fix
    const call = this.stmt;
    const expanded = this.expandLines(body, subst).map((l): SourceLine => ({ file: call.file, line: call.line, col: call.col, text: l.text, ...(call.gnuLine !== undefined ? { gnuLine: call.gnuLine } : {}) }));
    this.runNested(expanded, nameStart, nameEnd);
  }

  // ---------------------------------------------------------------- directives

  private directive(name: string, start: number, end: number, text: string, j: number, lines: SourceLine[], idx: number): number {
    const ops = () => splitOperands(text, j);
    if (['.text', '.data', '.bss', '.rodata', '.previous', '.popsection', '.endm', '.endr', '.exitm', '.cfi_startproc', '.cfi_endproc'].includes(name) && skipSpaces(text, j) < text.length) {
      // GNU allows a subsection number after .text/.data; anything else is junk
      if (!(['.text', '.data'].includes(name) && /^\s*0*\s*$/.test(text.slice(j)))) throw new AsmError(`junk at end of line: '${text.slice(j).trim()}'`, j, text.length, 'syntax');
    }
    switch (name) {
      case '.text': this.switchSection('.text'); return 0;
      case '.data': this.switchSection('.data'); return 0;
      case '.bss': this.switchSection('.bss'); return 0;
      case '.rodata': this.switchSection('.rodata'); return 0;
      case '.section':
      case '.sect':
      case '.pushsection': {
        if (name === '.pushsection') this.sectionStack.push({ cur: this.cur, prev: this.prevSection });
        this.sectionDirective(text, j);
        return 0;
      }
      case '.popsection': {
        const top = this.sectionStack.pop();
        if (!top) this.error('.popsection without .pushsection', start, end, 'section-stack');
        else {
          this.cur = top.cur;
          this.prevSection = top.prev;
        }
        return 0;
      }
      case '.previous': {
        if (this.prevSection) {
          const p = this.prevSection;
          this.prevSection = this.cur;
          this.cur = p;
        }
        return 0;
      }
      case '.globl':
      case '.global':
      case '.local':
      case '.weak': {
        if (ops().length === 0) throw new AsmError(`${name} expects symbol names`, start, end, 'syntax');
        for (const o of ops()) {
          const id = readIdent(o.text.trim(), 0);
          const t = o.text.trim();
          if (!id || id.end !== t.length) {
            this.error(`${name} expects symbol names, found '${t}'`, o.start, o.end, 'syntax');
            continue;
          }
          const s = this.getSym(t);
          s.binding = name === '.weak' ? 'weak' : name === '.local' ? 'local' : 'global';
          if (name === '.globl' || name === '.global') s.declared = true;
          if (s.pos === undefined && s.def === 'undef') s.pos = this.posAt(o.start);
        }
        return 0;
      }
      case '.hidden': case '.protected': case '.internal':
        for (const o of ops()) {
          const s = this.symOperand(o, name);
          s.declared = true;
          if (s.def === 'undef' && s.binding === 'local') s.binding = 'global';
        }
        return 0;
      case '.align':
      case '.p2align':
      case '.p2alignw':
      case '.p2alignl':
      case '.balign':
      case '.balignw':
      case '.balignl':
        this.alignDirective(name, text, j);
        return 0;
      case '.byte': this.dataDirective(text, j, 1); return 0;
      case '.half': case '.short': case '.hword': case '.2byte': this.dataDirective(text, j, 2); return 0;
      case '.word': case '.long': case '.int': case '.4byte': this.dataDirective(text, j, 4); return 0;
      case '.dword': case '.quad': case '.8byte': this.dataDirective(text, j, 8); return 0;
      case '.uleb128': case '.sleb128': {
        for (const o of ops()) {
          const { v } = this.constExpr(text, o.start, name);
          this.emitBytes(leb128(v, name === '.sleb128'));
        }
        return 0;
      }
      case '.ascii': case '.asciz': case '.string': {
        const list = ops();
        if (list.length === 0) this.error(`${name} needs a string`, start, end, 'syntax');
        for (const o of list) {
          // adjacent literals are concatenated: .ascii "a" "b"
          let k = skipSpaces(text, o.start);
          const bytes: number[] = [];
          let ok = k < o.end;
          while (k < o.end) {
            const lit = parseStringLiteral(text, k);
            if (!lit || lit.end > o.end) {
              ok = false;
              break;
            }
            for (const b of lit.bytes) bytes.push(b);
            k = skipSpaces(text, lit.end);
          }
          if (!ok) {
            this.error(`${name} expects a string in double quotes`, o.start, o.end, 'syntax');
            continue;
          }
          this.emitBytes(bytes);
          if (name !== '.ascii') this.emitBytes([0]);
        }
        return 0;
      }
      case '.zero': case '.space': case '.skip': {
        const list = ops();
        if (list.length === 0) throw new AsmError(`${name} needs a size`, start, end, 'syntax');
        const { v: size } = this.constExpr(text, list[0].start, `${name} size`);
        let fill = 0n;
        if (list[1] && name !== '.zero') fill = this.constExpr(text, list[1].start, `${name} fill value`).v;
        if (size < 0n || size > 0x10000000n) throw new AsmError(`${name} size ${size} is out of range`, list[0].start, list[0].end, 'out-of-range');
        this.emitBytes(new Array<number>(Number(size)).fill(Number(BigInt.asUintN(8, fill))));
        return 0;
      }
      case '.fill': {
        const list = ops();
        if (list.length === 0) throw new AsmError('.fill needs a repeat count', start, end, 'syntax');
        const { v: rep } = this.constExpr(text, list[0].start, '.fill repeat');
        const size = list[1] ? this.constExpr(text, list[1].start, '.fill size').v : 1n;
        const value = list[2] ? this.constExpr(text, list[2].start, '.fill value').v : 0n;
        if (rep < 0n || rep * (size > 8n ? 8n : size) > 0x10000000n) throw new AsmError(`.fill repeat count ${rep} is out of range`, list[0].start, list[0].end, 'out-of-range');
        const sz = Number(size > 8n ? 8n : size);
        for (let k = 0n; k < rep; k++) {
          this.emitLE(sz > 4 ? BigInt.asUintN(32, value) : value, sz);
        }
        return 0;
      }
      case '.equ': case '.set': case '.equiv': case '.eqv': {
        const list = ops();
        const id = list[0] ? readIdent(text, skipSpaces(text, list[0].start)) : undefined;
        if (!id || list.length < 2) throw new AsmError(`${name} needs a symbol and a value: ${name} name, expression`, start, end, 'syntax');
        this.assign(id.name, skipSpaces(text, list[0].start), id.end, text, list[1].start, name === '.equiv' ? 'equiv' : 'set');
        return 0;
      }
      case '.option': this.optionDirective(text, j); return 0;
      case '.include': {
        const k = skipSpaces(text, j);
        const lit = parseStringLiteral(text, k);
        if (!lit) throw new AsmError('.include expects a file name in double quotes', j, text.length, 'syntax');
        const rel = new TextDecoder().decode(new Uint8Array(lit.bytes));
        const base = this.stmt.file.includes('/') ? this.stmt.file.slice(0, this.stmt.file.lastIndexOf('/') + 1) : '';
        const path = rel.startsWith('/') ? rel : base + rel;
        if (this.includeStack.includes(path) || this.includeStack.length > 32) throw new AsmError(`.include of '${rel}' is recursive`, k, lit.end, 'include-recursive');
        const src = this.readFile?.(path);
        if (src === undefined) throw new AsmError(`cannot find include file '${rel}'`, k, lit.end, 'include-not-found');
        this.includeStack.push(path);
        const saved = this.stmt;
        try {
          this.run(src, path);
        } finally {
          this.includeStack.pop();
          this.stmt = saved;
        }
        return 0;
      }
      case '.macro': {
        const blk = this.collectBlock(lines, idx, '.macro');
        if (!blk.closed) this.error(`'.macro' has no matching '.endm'`, start, end, 'unterminated-macro');
        else this.defineMacro(text, j, start, end, blk.body);
        return blk.consumed;
      }
      case '.endm': case '.endmacro': this.error(`'${name}' without a matching '.macro'`, start, end, 'unmatched-macro'); return 0;
      case '.exitm': return 0;
      case '.purgem': this.macros.delete(text.slice(j).trim()); return 0;
      case '.rept': case '.irp': case '.irpc': {
        const blk = this.collectBlock(lines, idx, name);
        if (!blk.closed) this.error(`'${name}' has no matching '.endr'`, start, end, 'unterminated-rept');
        else this.repeat(name, text, j, start, end, blk.body);
        return blk.consumed;
      }
      case '.endr': this.error(`'.endr' without a matching '.rept'/.irp`, start, end, 'unmatched-rept'); return 0;
      case '.type': {
        const list = ops();
        if (list.length < 2) throw new AsmError('.type needs a symbol and a type: .type name, @function', start, end, 'syntax');
        const s = this.symOperand(list[0], '.type');
        s.declared = true;
        const t = list[1].text.trim().replace(/^[@%#]/, '').replace(/^STT_/i, '').toLowerCase();
        const map: Record<string, Sym['type']> = { function: 'func', func: 'func', object: 'object', notype: 'notype', tls_object: 'tls', tls: 'tls', common: 'object', gnu_indirect_function: 'func' };
        if (!map[t]) throw new AsmError(`unknown symbol type '${list[1].text.trim()}'`, list[1].start, list[1].end, 'syntax');
        s.type = map[t];
        return 0;
      }
      case '.size': {
        const list = ops();
        if (list.length < 2) throw new AsmError('.size needs a symbol and an expression', start, end, 'syntax');
        const s = this.symOperand(list[0], '.size');
        const { e, end: eEnd } = this.parseExprAt(text, list[1].start);
        if (skipSpaces(text, eEnd) < text.length) throw new AsmError(`junk after .size expression`, eEnd, text.length, 'syntax');
        s.sizeExpr = { e, dot: this.fakeLabel() };
        return 0;
      }
      case '.comm': case '.lcomm': {
        const list = ops();
        if (list.length < 2) throw new AsmError(`${name} needs a symbol and a size`, start, end, 'syntax');
        const s = this.symOperand(list[0], name);
        const { v } = this.constExpr(text, list[1].start, `${name} size`);
        s.type = 'object';
        if (name === '.comm') {
          s.def = 'common';
          s.value = list[2] ? this.constExpr(text, list[2].start, '.comm alignment').v : 8n;
          s.size = v;
          s.binding = 'global';
        } else {
          const bss = this.sections.find((x) => x.name === '.bss')!;
          const saved = this.cur;
          this.cur = bss;
          // GNU aligns .lcomm data by its size, up to 8 bytes
          const al = v >= 8n ? 8 : v >= 4n ? 4 : v >= 2n ? 2 : 1;
          if (al > bss.align) bss.align = al;
          while (this.here() % al) this.emitBytes([0]);
          s.size = v;
          s.def = 'label';
          s.sec = bss;
          s.frag = this.frag;
          s.off = this.here();
          this.emitBytes(new Array<number>(Number(v)).fill(0));
          this.cur = saved;
        }
        return 0;
      }
      case '.file': case '.ident': case '.loc': case '.attribute': case '.end':
      case '.cfi_startproc': case '.cfi_endproc':
        if (name === '.end') this.ended = true;
        return 0;
      case '.err': this.error('.err encountered', start, end, 'user-error'); return 0;
      case '.error': case '.warning': case '.print': {
        const k = skipSpaces(text, j);
        const lit = parseStringLiteral(text, k);
        const msg = lit ? new TextDecoder().decode(new Uint8Array(lit.bytes)) : text.slice(j).trim();
        if (name === '.error') this.error(msg, start, text.length, 'user-error');
        else if (name === '.warning') this.warn(msg, start, text.length, 'user-warning');
        return 0;
      }
      case '.insn': this.insnHandler(this, '.insn', start, text.slice(j), j); return 0;
      case '.org': {
        const { v } = this.constExpr(text, j, '.org');
        if (this.frag !== this.cur.frags[0] && this.cur.frags.some((f) => f.tail)) throw new AsmError('.org after a variable-size item is not supported', start, end, 'unsupported');
        const curOff = this.here();
        if (v < BigInt(curOff)) throw new AsmError(`.org ${v} would move the location counter backwards (now ${curOff})`, j, text.length, 'org-backwards');
        this.emitBytes(new Array<number>(Number(v) - curOff).fill(0));
        return 0;
      }
      default: {
        if (name.startsWith('.cfi_')) return 0;
        const near = suggest(name, DIRECTIVES);
        this.error(`unknown directive '${name}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`, start, end, 'unknown-directive');
        return 0;
      }
    }
  }

  /** A symbol-name operand of a directive. */
  symOperand(o: { text: string; start: number; end: number }, what: string): Sym {
    const t = o.text.trim();
    const id = readIdent(t, 0);
    if (!id || id.end !== t.length) throw new AsmError(`${what} expects a symbol name, found '${t}'`, o.start, o.end, 'syntax');
    return this.getSym(t);
  }

  switchSection(name: string, flags?: { kind: Section['kind']; alloc: boolean; write: boolean; exec: boolean; merge?: Section['merge'] }): void {
    let sec = this.sections.find((s) => s.name === name);
    if (!sec) {
      const d = flags ?? defaultSectionFlags(name);
      sec = this.makeSection(name, d.kind, d.alloc, d.write, d.exec);
      if (d.merge) sec.merge = d.merge;
    }
    if (sec !== this.cur) {
      this.prevSection = this.cur;
      this.cur = sec;
    }
  }

  private sectionDirective(text: string, j: number): void {
    const list = splitOperands(text, j);
    if (list.length === 0) throw new AsmError('.section needs a section name', j, j + 1, 'syntax');
    let nameText = list[0].text.trim();
    if (nameText.startsWith('"')) nameText = unquote(nameText);
    if (!/^[A-Za-z_.$][\w.$\-]*$/.test(nameText)) throw new AsmError(`bad section name '${nameText}'`, list[0].start, list[0].end, 'syntax');
    const d = defaultSectionFlags(nameText);
    if (list[1]) {
      const f = list[1].text.trim();
      if (!f.startsWith('"')) throw new AsmError(`section flags must be a quoted string like "ax"`, list[1].start, list[1].end, 'syntax');
      const flags = unquote(f);
      d.alloc = flags.includes('a');
      d.write = flags.includes('w');
      d.exec = flags.includes('x');
      for (const c of flags) {
        if (!'awxMSGTRod?e'.includes(c)) throw new AsmError(`unknown section flag '${c}'`, list[1].start, list[1].end, 'syntax');
      }
      let entsize = 0;
      if (list[2]) {
        const t = list[2].text.trim().replace(/^[@%]/, '');
        if (t === 'nobits') d.kind = 'nobits';
        else if (t === 'progbits') d.kind = 'progbits';
        else if (t === 'note') d.kind = 'note';
        else if (!/^[@%]/.test(list[2].text.trim())) throw new AsmError(`section type must start with '@' or '%', found '${list[2].text.trim()}'`, list[2].start, list[2].end, 'syntax');
        else if (t !== 'init_array' && t !== 'fini_array' && t !== 'preinit_array') this.warn(`unknown section type '${list[2].text.trim()}' (using @progbits)`, list[2].start, list[2].end, 'section-type');
      }
      if (flags.includes('M')) {
        if (list[3]) entsize = Number(this.constExpr(text, list[3].start, 'entity size').v);
        else throw new AsmError('a mergeable section ("M" flag) needs an entity size', list[1].start, list[1].end, 'syntax');
        d.merge = { strings: flags.includes('S'), entsize };
      } else d.merge = undefined;
    }
    const existing = this.sections.find((s) => s.name === nameText);
    if (existing) this.switchSection(nameText);
    else this.switchSection(nameText, d);
  }

  private alignDirective(name: string, text: string, j: number): void {
    const list = splitOperands(text, j);
    if (list.length === 0 || list[0].text.trim() === '') throw new AsmError(`${name} needs an alignment`, j, j + 1, 'syntax');
    const { v } = this.constExpr(text, list[0].start, 'alignment');
    let bytes: number;
    if (name.startsWith('.balign')) {
      if (v <= 0n || (v & (v - 1n)) !== 0n) throw new AsmError(`alignment ${v} is not a power of 2`, list[0].start, list[0].end, 'bad-alignment');
      bytes = Number(v);
    } else {
      if (v < 0n || v > 31n) throw new AsmError(`alignment exponent ${v} is out of range 0..31`, list[0].start, list[0].end, 'bad-alignment');
      bytes = 1 << Number(v);
    }
    const fillSize = name.endsWith('w') ? 2 : name.endsWith('l') ? 4 : 1;
    let fill: number | undefined;
    if (list[1] && list[1].text.trim() !== '') fill = Number(BigInt.asUintN(fillSize * 8, this.constExpr(text, list[1].start, 'fill value').v));
    let max: number | undefined;
    if (list[2] && list[2].text.trim() !== '') max = Number(this.constExpr(text, list[2].start, 'maximum skip').v);
    if (bytes > this.cur.align) this.cur.align = bytes;
    const code = this.isCode() && fill === undefined;
    if (bytes <= 1) return;
    // GNU: code alignment below the instruction alignment is a no-op
    if (code && bytes <= (this.opts.rvc ? 2 : 4)) return;
    if (code && this.opts.relax) {
      // relax mode: worst-case nops now, and R_RISCV_ALIGN lets the linker remove the excess
      const worst = bytes - (this.opts.rvc ? 2 : 4);
      const off = this.here();
      if (worst % 4 === 2) this.emitLE(0x0001, 2);
      for (let k = 0; k < Math.floor(worst / 4); k++) this.emitLE(0x13, 4);
      this.frag.fixups.push({ frag: this.frag, off, size: 0, kind: 'align', reloc: 43, addend: BigInt(worst), pos: this.pos(), endCol: this.stmt.col + text.length, relax: true });
      return;
    }
    this.closeFrag({ k: 'align', align: bytes, fill, fillSize, max, code, rvc: this.opts.rvc });
  }

  private dataDirective(text: string, j: number, size: number): void {
    const list = splitOperands(text, j);
    if (list.length === 0) return;
    for (const o of list) {
      if (o.text.trim() === '') {
        this.error('missing value', o.start, o.end, 'syntax');
        continue;
      }
      try {
        const { e, end } = this.parseExprAt(text, o.start);
        if (skipSpaces(text, end) < o.end) throw new AsmError(`unexpected '${text.slice(end, o.end).trim()}' after expression`, end, o.end, 'syntax');
        const off = this.here();
        const v = this.evalExpr(e, { foldCode: false, allowBig: true });
        if (v.reloc) throw new AsmError(`%${v.reloc} cannot be used in data`, o.start, o.end, 'bad-expression');
        if (!v.sym) {
          const lim = size === 8 ? 0n : 1n << BigInt(size * 8);
          if (lim && (v.add >= lim || v.add < -lim)) this.warn(`value 0x${BigInt.asUintN(64, v.add).toString(16)} truncated to 0x${BigInt.asUintN(size * 8, v.add).toString(16)}`, o.start, o.end, 'truncated');
          this.emitLE(v.add, size);
          continue;
        }
        this.emitLE(0, size);
        if (!v.sub && size < 4) throw new AsmError(`a ${size}-byte value cannot hold a relocated address (use .word or .dword)`, o.start, o.end, 'bad-reloc');
        this.addFixup('data', size === 4 ? 1 : size === 8 ? 2 : 0, off, size, v, o.start, o.end);
      } catch (err) {
        if (err instanceof AsmError) this.error(err.message, err.start, err.end, err.code);
        else throw err;
      }
    }
  }

  private assign(name: string, nStart: number, nEnd: number, text: string, vStart: number, mode: 'set' | 'equiv'): void {
    if (name === '.') throw new AsmError('assigning to `.` is not supported; use .org or .space', nStart, nEnd, 'unsupported');
    const s = this.getSym(name);
    if (s.def === 'label' || (mode === 'equiv' && s.def !== 'undef') || s.equiv) {
      throw new AsmError(`symbol '${name}' is already defined`, nStart, nEnd, 'duplicate-symbol');
    }
    const { e, end } = this.parseExprAt(text, vStart);
    if (skipSpaces(text, end) < text.length) throw new AsmError(`unexpected '${text.slice(end).trim()}' after expression`, end, text.length, 'syntax');
    const dot = this.fakeLabel();
    let v: Val;
    try {
      v = this.evalExpr(e, { foldCode: true }, dot);
    } catch (err) {
      if (err instanceof AsmError && err.code === 'undefined-local-label') throw err;
      v = { add: 0n, sym: s };
    }
    s.pos = this.posAt(nStart);
    s.equiv = mode === 'equiv';
    if (!v.sym && !v.sub && !v.reloc) {
      s.def = 'abs';
      s.value = v.add;
      return;
    }
    if (v.sym && !v.sub && v.sym.def === 'label' && !v.reloc) {
      // an alias of a label with an offset: GNU gives it the label's section
      s.def = 'label';
      s.sec = v.sym.sec;
      s.frag = v.sym.frag;
      s.off = v.sym.off + Number(v.add);
      return;
    }
    s.def = 'expr';
    s.expr = e;
    s.exprDot = dot;
  }

  private optionDirective(text: string, j: number): void {
    const arg = text.slice(j).trim();
    const lower = arg.toLowerCase();
    switch (lower) {
      case 'rvc': this.setRvc(true); return;
      case 'norvc': this.setRvc(false); return;
      case 'relax': this.opts.relax = true; return;
      case 'norelax': this.opts.relax = false; return;
      case 'pic': this.opts.pic = true; return;
      case 'nopic': this.opts.pic = false; return;
      case 'push': this.optStack.push({ ...this.opts }); return;
      case 'pop': {
        const o = this.optStack.pop();
        if (!o) throw new AsmError('.option pop without a matching .option push', j, text.length, 'option-stack');
        this.opts = o;
        return;
      }
      case 'csr-check': case 'no-csr-check': return;
    }
    if (lower.startsWith('arch')) {
      const m = /^arch\s*,\s*(.*)$/.exec(lower);
      if (!m) throw new AsmError('.option arch needs a value: .option arch, +ext / -ext / rv64…', j, text.length, 'syntax');
      let names = new Set(this.opts.arch.names);
      for (const part of m[1].split(',').map((x) => x.trim())) {
        if (part.startsWith('rv')) {
          const a = parseMarch(part);
          if (typeof a === 'string') throw new AsmError(a, j, text.length, 'bad-march');
          names = new Set(a.names);
        } else if (part.startsWith('+')) {
          const a = parseMarch(`rv64i_${part.slice(1)}`);
          const s = part.slice(1);
          const b = s.length === 1 ? parseMarch(`rv64i${s}`) : a;
          if (typeof b === 'string') throw new AsmError(b, j, text.length, 'bad-march');
          for (const n of b.names) names.add(n);
        } else if (part.startsWith('-')) {
          names.delete(part.slice(1));
        } else throw new AsmError(`bad .option arch argument '${part}'`, j, text.length, 'syntax');
      }
      const singles = [...names].filter((n) => n.length === 1 && n !== 'i').join('');
      const multi = [...names].filter((n) => n.length > 1).join('_');
      const a = parseMarch(`rv64i${singles}${multi ? '_' + multi : ''}`);
      if (typeof a === 'string') throw new AsmError(a, j, text.length, 'bad-march');
      this.opts.arch = a;
      this.opts.rvc = a.names.has('c');
      if (this.opts.rvc) this.everRvc = true;
      return;
    }
    throw new AsmError(`unknown .option '${arg}' (expected rvc, norvc, push, pop, relax, norelax, pic, nopic or arch)`, j, text.length, 'unknown-option');
  }

  /** .option rvc/norvc: also adds/removes C from the ISA string, as GNU does. */
  private setRvc(on: boolean): void {
    this.opts.rvc = on;
    if (on) this.everRvc = true;
    const names = [...this.opts.arch.names].filter((n) => n !== 'c' && n !== 'i');
    if (on) names.push('c');
    const singles = names.filter((n) => n.length === 1).join('');
    const multi = names.filter((n) => n.length > 1).join('_');
    const a = parseMarch(`rv64i${singles}${multi ? '_' + multi : ''}`);
    if (typeof a !== 'string') this.opts.arch = a;
  }

  private defineMacro(text: string, j: number, start: number, end: number, body: SourceLine[]): void {
    const spec = text.slice(j).trim();
    const m = /^([A-Za-z_.$][\w.$]*)\s*,?\s*(.*)$/.exec(spec);
    if (!m) throw new AsmError('.macro needs a name', start, end, 'syntax');
    const params: Macro['params'] = [];
    if (m[2].trim() !== '') {
      for (const p of m[2].split(/\s*,\s*|\s+(?=[A-Za-z_.$])/)) {
        const pm = /^([A-Za-z_.$][\w.$]*)(?::(req|vararg))?(?:\s*=\s*(.*))?$/.exec(p.trim());
        if (!pm) throw new AsmError(`bad macro parameter '${p}'`, j, text.length, 'syntax');
        params.push({ name: pm[1], req: pm[2] === 'req', vararg: pm[2] === 'vararg', def: pm[3] });
      }
    }
    if (this.macros.has(m[1])) throw new AsmError(`macro '${m[1]}' is already defined`, start, end, 'duplicate-macro');
    this.macros.set(m[1], { name: m[1], params, body });
  }

  private repeat(name: string, text: string, j: number, start: number, end: number, body: SourceLine[]): void {
    if (name === '.rept') {
      const { v } = this.constExpr(text, j, '.rept count');
      if (v > BigInt(MAX_REPT)) throw new AsmError(`.rept count ${v} is too large`, j, text.length, 'out-of-range');
      if (v * BigInt(body.length) + BigInt(this.expanded) > BigInt(MAX_EXPANDED_LINES)) throw new AsmError(`.rept ${v} of ${body.length} lines is too large`, j, text.length, 'expansion-size');
      const lines: SourceLine[] = [];
      for (let k = 0n; k < v; k++) for (const l of this.expandLines(body, (s) => s)) lines.push(l);
      this.runNested(lines, start, end);
      return;
    }
    const list = splitOperands(text, j);
    const id = list[0] ? readIdent(list[0].text.trim(), 0) : undefined;
    if (!id) throw new AsmError(`${name} needs a parameter name`, start, end, 'syntax');
    const pname = list[0].text.trim();
    let values: string[];
    if (name === '.irp') values = list.slice(1).map((o) => o.text.trim());
    else values = (list[1]?.text.trim() ?? '').split('');
    if (values.length === 0) values = [''];
    const lines: SourceLine[] = [];
    for (const val of values) {
      lines.push(...this.expandLines(body, (s) => s.replace(new RegExp(`\\\\${pname.replace(/[.$]/g, '\\$&')}(?![\\w.$])`, 'g'), () => val)));
    }
    this.runNested(lines, start, end);
  }
}

export function firstWord(t: string): string | undefined {
  const i = skipSpaces(t, 0);
  const id = readIdent(t, i);
  return id?.name.toLowerCase();
}

export function unquote(s: string): string {
  if (s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"') {
    const lit = parseStringLiteral(s, 0);
    if (lit) return new TextDecoder().decode(new Uint8Array(lit.bytes));
  }
  return s;
}

/** Splits comma-separated operands at top level (outside strings and parentheses). */
export function splitOperands(text: string, from: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let depth = 0;
  let start = from;
  let i = from;
  if (text.slice(from).trim() === '') return out;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const lit = parseStringLiteral(text, i);
      i = lit ? lit.end : text.length;
      continue;
    }
    if (c === "'") {
      i += text[i + 1] === '\\' ? 3 : 2;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push({ text: text.slice(start, i), start, end: i });
      start = i + 1;
    }
    i++;
  }
  out.push({ text: text.slice(start), start, end: text.length });
  return out;
}

/** Macro arguments: separated by commas or by blanks (GNU accepts both). */
function splitMacroArgs(text: string, from: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = skipSpaces(text, from);
  while (i < text.length) {
    let j = i;
    let depth = 0;
    while (j < text.length) {
      const c = text[j];
      if (c === '"') {
        const lit = parseStringLiteral(text, j);
        j = lit ? lit.end : text.length;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth <= 0 && (c === ',' || c === ' ' || c === '\t')) {
        // a blank separates arguments unless an operator continues the expression
        if (c !== ',') {
          const k = skipSpaces(text, j);
          const prev = text.slice(i, j).trimEnd().slice(-1);
          if (k < text.length && text[k] !== ',' && !'+-*/|&^<>=!'.includes(text[k]) && !'+-*/|&^<>=!'.includes(prev)) break;
          if (k < text.length && text[k] === ',') {
            j = k;
            break;
          }
          j = k;
          continue;
        }
        break;
      }
      j++;
    }
    out.push({ text: unquote(text.slice(i, j).trim()), start: i, end: j });
    if (text[j] === ',') j++;
    i = skipSpaces(text, j);
  }
  return out;
}

function defaultSectionFlags(name: string): { kind: Section['kind']; alloc: boolean; write: boolean; exec: boolean; merge?: Section['merge'] } {
  const is = (p: string) => name === p || name.startsWith(p + '.');
  if (is('.text') || is('.init') || is('.fini')) return { kind: 'progbits', alloc: true, write: false, exec: true };
  if (is('.data') || is('.sdata') || is('.tdata') || is('.init_array') || is('.fini_array') || is('.got')) return { kind: 'progbits', alloc: true, write: true, exec: false };
  if (is('.bss') || is('.sbss') || is('.tbss')) return { kind: 'nobits', alloc: true, write: true, exec: false };
  if (is('.rodata') || is('.srodata')) return { kind: 'progbits', alloc: true, write: false, exec: false };
  if (is('.note')) return { kind: 'note', alloc: false, write: false, exec: false };
  return { kind: 'progbits', alloc: false, write: false, exec: false };
}

function leb128(v: bigint, signed: boolean): number[] {
  const out: number[] = [];
  if (!signed) {
    let x = BigInt.asUintN(64, v);
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) b |= 0x80;
      out.push(b);
    } while (x !== 0n);
    return out;
  }
  let x = v;
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export { isIdentPart, symAddr };
