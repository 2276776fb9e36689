/**
 * Instructions: matching a statement against the instruction table (first
 * entry whose operands parse and fit wins, which gives GNU's automatic
 * compression), GNU's multi-instruction pseudo-instructions (li, la, call,
 * symbol loads/stores…), relaxable branches and `.insn`.
 */
import { OPERANDS, parseSyntax } from '../isa/operands';
import { parseFReg as fReg, parseXReg as xReg } from '../isa/registers';
import { MNEMONICS, PSEUDOS, lookupMnemonic, type PseudoSpec } from '../isa/table';
import type { InsnSpec, OperandKind } from '../isa/types';
import { AsmError, Assembler } from './assembler';
import { suggest } from './diagnostics';
import { readIdent, skipSpaces } from './lexer';
import { R } from './relocs';
import { CSR_NAMES, csrNumber } from './registers';
import type { Sym, Val } from './state';

/** An operand whose value is only known at the end (a relocation). */
interface PendingReloc {
  kind: OperandKind;
  val: Val;
  op: string;           // relocation operator
  start: number;
  end: number;
}

interface Matched {
  spec: InsnSpec;
  word: number;
  target?: { val: Val; kind: OperandKind; start: number; end: number };
  reloc?: PendingReloc;
}

interface Failure {
  code?: string;
  message: string;
  start: number;
  end: number;
  progress: number;
  spec: InsnSpec;
}

/** Pseudos of the ISA table that GNU as 2.40 does not know yet (it came with 2.41), so rejects. */
const NOT_IN_AS_2_40 = new Set(['lga']);

/** The multi-instruction pseudos of the ISA table that the assembler accepts (for hover and completion). */
export const ASM_PSEUDOS: readonly PseudoSpec[] = Object.freeze(PSEUDOS.filter((p) => !NOT_IN_AS_2_40.has(p.name)));

/** Their names; expandPseudo expands each. */
const PSEUDO_NAMES = new Set(ASM_PSEUDOS.map((p) => p.name));

const ROUNDING: Record<string, number> = { rne: 0, rtz: 1, rdn: 2, rup: 3, rmm: 4, dyn: 7 };

/** Which relocation operators an immediate kind accepts, and the relocation each makes. */
const RELOC_FOR: Partial<Record<OperandKind, Record<string, number>>> = {
  imm12: { lo: R.LO12_I, pcrel_lo: R.PCREL_LO12_I, tprel_lo: R.TPREL_LO12_I },
  simm12: { lo: R.LO12_S, pcrel_lo: R.PCREL_LO12_S, tprel_lo: R.TPREL_LO12_S },
  uimm20: { hi: R.HI20, pcrel_hi: R.PCREL_HI20, tprel_hi: R.TPREL_HI20, got_pcrel_hi: R.GOT_HI20, tls_ie_pcrel_hi: R.TLS_GOT_HI20, tls_gd_pcrel_hi: R.TLS_GD_HI20 },
};

export function installInstructions(a: Assembler): void {
  a.insnHandler = (asm, name, mStart, ops, opsStart) => {
    if (name === '.insn') return insnDirective(asm, ops, opsStart);
    assembleInsn(asm, name, mStart, ops, opsStart);
  };
  const all = [...MNEMONICS, ...PSEUDO_NAMES];
  a.mnemonicNames = () => all;
  a.isMnemonic = (n) => lookupMnemonic(n).length > 0 || PSEUDO_NAMES.has(n);
}

function enabled(a: Assembler, spec: InsnSpec): string | undefined {
  if (spec.xlen === 32) return 'RV32 only';
  for (const e of spec.ext) {
    if (e === 'C') {
      if (!a.opts.rvc) return 'C';
    } else if (!a.opts.arch.exts.has(e)) {
      if (e === 'Zmmul' && a.opts.arch.exts.has('M')) continue;
      return e;
    }
  }
  return undefined;
}

function assembleInsn(a: Assembler, name: string, mStart: number, ops: string, opsStart: number): void {
  const specs = lookupMnemonic(name);
  const mEnd = mStart + name.length;
  if (specs.length === 0 && !PSEUDO_NAMES.has(name)) {
    const near = suggest(name, a.mnemonicNames());
    throw new AsmError(`unknown instruction '${name}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`, mStart, mEnd, 'unknown-mnemonic');
  }
  const failures: Failure[] = [];
  let missingExt: string | undefined;
  for (const spec of specs) {
    const why = enabled(a, spec);
    if (why) {
      if (why !== 'RV32 only') missingExt ??= why;
      continue;
    }
    const r = tryMatch(a, spec, ops, opsStart);
    if ('message' in r) failures.push(r);
    else {
      emitMatched(a, r, mStart);
      return;
    }
  }
  if (PSEUDO_NAMES.has(name)) {
    const done = expandPseudo(a, name, ops, opsStart, mStart, mEnd, failures);
    if (done) return;
  }
  if (failures.length === 0) {
    if (missingExt) throw new AsmError(`'${name}' needs the ${missingExt} extension, which is not enabled (-march=${a.opts.arch.isaString})`, mStart, mEnd, 'extension-disabled');
    throw new AsmError(`'${name}' is only available on RV32`, mStart, mEnd, 'extension-disabled');
  }
  // report the candidate that got furthest; prefer full-size entries over compressed ones
  failures.sort((x, y) => y.progress - x.progress || (x.spec.len === 4 ? -1 : 0) - (y.spec.len === 4 ? -1 : 0));
  const f = failures.find((x) => x.progress === failures[0].progress && x.spec.len === 4) ?? failures[0];
  throw new AsmError(f.message, f.start, f.end, f.code ?? 'bad-operand');
}

function describe(a: Assembler, text: string): string {
  const t = text.trim();
  if (xReg(t) !== undefined) return `integer register '${t}'`;
  if (fReg(t) !== undefined) return `floating-point register '${t}'`;
  return `'${t}'`;
}

/** Tries one table entry; returns the encoding or why it does not fit. */
function tryMatch(a: Assembler, spec: InsnSpec, ops: string, base: number): Matched | Failure {
  const syn = parseSyntax(spec.syntax);
  const text = a.stmt.text;
  let p = base;
  const values = new Map<OperandKind, number>();
  let target: Matched['target'];
  let reloc: PendingReloc | undefined;
  let progress = 0;
  const fail = (message: string, start: number, end: number): Failure => ({ message, start, end: Math.max(end, start + 1), progress, spec });
  for (let k = 0; k < syn.kinds.length; k++) {
    const kind = syn.kinds[k];
    const info = OPERANDS[kind];
    // separators before this operand
    const sep = syn.seps[k].replace(/\s+/g, '');
    let q = skipSpaces(text, p);
    if (syn.optional[k] && q >= text.length) {
      const d = spec.defaults?.[kind] ?? info.optionalDefault ?? 0;
      values.set(kind, d);
      continue;
    }
    // implicit zero offset: "lw a0, (a1)"
    if (sep === ',' || sep === '') {
      /* handled below */
    }
    for (let ci = 0; ci < sep.length; ci++) {
      const ch = sep[ci];
      q = skipSpaces(text, q);
      // GNU accepts an explicit zero offset before "(rs1)" in AMO/LR/SC forms: "0(a1)"
      if (ch === '(' && text[q] !== '(' && (ci === 0 || sep[ci - 1] === ',')) {
        const z = /^(0x0+|0+)\s*(?=\()/.exec(text.slice(q));
        if (z) q += z[0].length;
      }
      if (text[q] !== ch) {
        if (q >= text.length) return fail(`missing operand: '${spec.name}' expects ${spec.syntax || 'no operands'}`, text.length, text.length + 1);
        return fail(`expected '${ch}' before ${kind} operand of '${spec.name}', found ${describe(a, text.slice(q).split(/[,\s]/)[0] || text[q])}`, q, q + 1);
      }
      q++;
    }
    q = skipSpaces(text, q);
    if (q >= text.length) return fail(`missing operand: '${spec.name}' expects ${spec.syntax}`, text.length, text.length + 1);
    // an offset before "(reg)" may be left out
    const nextSep = syn.seps[k + 1]?.replace(/\s+/g, '') ?? '';
    if (!info.regFile && nextSep.startsWith('(') && text[q] === '(' && !text.slice(q + 1).includes('(')) {
      values.set(kind, 0);
      p = q;
      progress++;
      continue;
    }
    if (info.regFile) {
      const id = readIdent(text, q);
      const want = info.regFile === 'x' ? 'an integer register' : 'a floating-point register';
      if (!id) return fail(`expected ${want}, found ${describe(a, text.slice(q).split(/[,()\s]/)[0] || text[q])}`, q, q + 1);
      const r = info.regFile === 'x' ? xReg(id.name) : fReg(id.name);
      if (r === undefined) return fail(`expected ${want}, found ${describe(a, id.name)}`, q, id.end);
      if (info.sameAs) {
        if (values.get(info.sameAs) !== r) return fail(`operand must be the same register as the destination`, q, id.end);
      } else {
        const msg = info.check(r);
        if (msg) return fail(`${id.name}: ${msg}`, q, id.end);
      }
      values.set(kind, r);
      p = id.end;
      progress++;
      continue;
    }
    if (kind === 'rm') {
      const id = readIdent(text, q);
      if (!id || ROUNDING[id.name] === undefined) return fail(`expected a rounding mode (rne, rtz, rdn, rup, rmm or dyn), found ${describe(a, id?.name ?? text[q])}`, q, id?.end ?? q + 1);
      values.set(kind, ROUNDING[id.name]);
      p = id.end;
      progress++;
      continue;
    }
    if (kind === 'pred' || kind === 'succ') {
      const id = readIdent(text, q);
      if (!id || !/^[iorw]+$/.test(id.name)) return fail(`expected a fence set made of the letters i, o, r, w, found ${describe(a, id?.name ?? text[q])}`, q, id?.end ?? q + 1);
      let v = 0;
      for (const c of id.name) v |= c === 'i' ? 8 : c === 'o' ? 4 : c === 'r' ? 2 : 1;
      values.set(kind, v);
      p = id.end;
      progress++;
      continue;
    }
    if (kind === 'csr') {
      const id = readIdent(text, q);
      if (id && !/^[0-9]/.test(id.name)) {
        const n = csrNumber(id.name);
        const sym = a.symbols.get(id.name);
        if (n !== undefined && !(sym && sym.def === 'abs')) {
          values.set(kind, n);
          p = id.end;
          progress++;
          continue;
        }
        if (!sym || sym.def !== 'abs') {
          const near = suggest(id.name, CSR_NAMES);
          return fail(`unknown CSR '${id.name}'${near.length ? `; did you mean ${near.map((x) => `'${x}'`).join(' or ')}?` : ''}`, q, id.end);
        }
      }
    }
    // an expression
    let parsed;
    try {
      parsed = a.parseExprAt(text, q);
    } catch (err) {
      if (err instanceof AsmError) return { ...fail(err.message, err.start, err.end), code: err.code };
      throw err;
    }
    const { e, end } = parsed;
    let v: Val;
    try {
      v = a.evalExpr(e, { foldCode: false });
    } catch (err) {
      if (err instanceof AsmError) return { ...fail(err.message, err.start, err.end), code: err.code };
      throw err;
    }
    p = end;
    progress++;
    if (v.reloc) {
      const table = RELOC_FOR[kind];
      const r = table?.[v.reloc];
      if (r === undefined) return fail(`%${v.reloc} cannot be used for the ${kind} operand of '${spec.name}'`, e.start, end);
      if (!v.sym && !v.sub && (v.reloc === 'hi' || v.reloc === 'lo')) {
        // a constant: fold the operator now (GNU checks it fits a 32-bit field)
        if (v.add < -0x80000000n || v.add > 0xffffffffn) return fail(`value 0x${BigInt.asUintN(64, v.add).toString(16)} of %${v.reloc} is too large for a 32-bit address`, e.start, end);
        const c = v.reloc === 'hi' ? Number(BigInt.asUintN(20, (v.add + 0x800n) >> 12n)) : Number(BigInt.asIntN(12, v.add));
        values.set(kind, c);
        continue;
      }
      if (v.sub) return fail(`%${v.reloc} of a symbol difference is not supported`, e.start, end);
      reloc = { kind, val: v, op: v.reloc, start: e.start, end };
      values.set(kind, 0);
      continue;
    }
    if (info.pcRelative) {
      if (v.sub) return fail(`branch target must be a label or an address, not a difference`, e.start, end);
      if (!v.sym && (v.add < -0x80000000n || v.add > 0x7fffffffn)) return fail(`branch target address 0x${BigInt.asUintN(64, v.add).toString(16)} is too large`, e.start, end);
      target = { val: v, kind, start: e.start, end };
      values.set(kind, 0);
      continue;
    }
    if (v.sym || v.sub) {
      const s = v.sym!;
      const what = xReg(s.name) !== undefined || fReg(s.name) !== undefined ? `register '${s.name}'` : s.def === 'undef' ? `undefined symbol '${s.name}'` : `'${text.slice(e.start, end).trim()}', which is not a constant`;
      return fail(`expected an immediate for '${spec.name}', found ${what}`, e.start, end);
    }
    let n = v.add;
    // lui/auipc-style fields take the 20-bit value; accept negative 32-bit spellings as GNU does not
    if (n > 0x7fffffffn || n < -0x80000000n) return fail(`immediate ${n} out of range ${info.min}..${info.max}`, e.start, end);
    const num = Number(n);
    const msg = info.check(num);
    if (msg) return fail(msg, e.start, end);
    values.set(kind, num);
  }
  const q = skipSpaces(text, p);
  const trail = syn.seps[syn.kinds.length].replace(/\s+/g, '');
  let r = q;
  for (const ch of trail) {
    r = skipSpaces(text, r);
    if (text[r] !== ch) return fail(`expected '${ch}'`, r, r + 1);
    r++;
  }
  r = skipSpaces(text, r);
  if (r < text.length) {
    if (syn.kinds.length === 0) return fail(`'${spec.name}' takes no operands`, r, text.length);
    return fail(`unexpected ${describe(a, text.slice(r))} after the operands of '${spec.name}' (${spec.syntax})`, r, text.length);
  }
  let word = spec.match >>> 0;
  for (const [k, v] of values) word = (word | OPERANDS[k].encode(v)) >>> 0;
  if (spec.constraint && !spec.constraint(word)) return fail(`operands are not valid for '${spec.name}' (${spec.summary})`, base, text.length);
  return { spec, word, target, reloc };
}

function emitWord(a: Assembler, word: number, len: number): void {
  a.recordLine(a.here());
  a.emitLE(word >>> 0, len);
}

function emitMatched(a: Assembler, m: Matched, _mStart: number): void {
  if (a.cur.kind === 'nobits') throw new AsmError(`instructions cannot be placed in section '${a.cur.name}'`, 0, a.stmt.text.length, 'nobits-data');
  if (m.target) {
    const k = m.target.kind;
    const jump = k === 'jimm' || k === 'c_jimm';
    const rvc = m.spec.len === 2;
    const v = m.target.val;
    a.recordLine(a.here());
    a.closeFrag({ k: 'branch', word: m.word, rvc, jump, target: v.sym, addend: v.add, length: rvc ? 2 : 4, pos: a.posAt(m.target.start) });
    return;
  }
  const off = a.here();
  emitWord(a, m.word, m.spec.len);
  if (m.reloc) addInsnReloc(a, m.reloc, off);
}

function addInsnReloc(a: Assembler, r: PendingReloc, off: number): void {
  const type = RELOC_FOR[r.kind]![r.op];
  const kind = type === R.HI20 ? 'hi20' : type === R.LO12_I ? 'lo12_i' : type === R.LO12_S ? 'lo12_s' : 'other';
  a.addFixup(kind, type, off, 4, r.val, r.start, r.end);
}

// ------------------------------------------------------------------ pseudo-instructions

/** Assembles generated text as an instruction (GNU's md_assemblef): it goes
 * through the table so it compresses like hand-written code. */
function synth(a: Assembler, name: string, ops: string): void {
  const saved = a.stmt;
  a.stmt = { ...saved, text: ops };
  try {
    const specs = lookupMnemonic(name);
    for (const spec of specs) {
      if (enabled(a, spec)) continue;
      const r = tryMatch(a, spec, ops, 0);
      if (!('message' in r)) {
        a.stmt = saved;
        emitMatched(a, r, 0);
        return;
      }
    }
    throw new Error(`no encoding for generated '${name} ${ops}'`);
  } finally {
    a.stmt = saved;
  }
}

/** Emits a 32-bit instruction with a relocation, never compressed (GNU's macro_build). */
function build32(a: Assembler, word: number, reloc: number | undefined, val: Val | undefined, start: number, end: number): void {
  const off = a.here();
  emitWord(a, word, 4);
  if (reloc !== undefined && val) a.addFixup(reloc === R.LO12_I ? 'lo12_i' : reloc === R.LO12_S ? 'lo12_s' : reloc === R.HI20 ? 'hi20' : 'other', reloc, off, 4, val, start, end);
}

const OPC = {
  auipc: 0x17, addi: 0x13, jalr: 0x67,
  lb: 0x0003, lh: 0x1003, lw: 0x2003, ld: 0x3003, lbu: 0x4003, lhu: 0x5003, lwu: 0x6003,
  sb: 0x0023, sh: 0x1023, sw: 0x2023, sd: 0x3023, flw: 0x2007, fld: 0x3007, fsw: 0x2027, fsd: 0x3027,
} as const;

/** GNU's load_const: the exact lui/addi(w)/slli sequence for a 64-bit constant. */
export function loadConst(a: Assembler, reg: number, value: bigint): void {
  const v = BigInt.asIntN(64, value);
  const lower = BigInt.asIntN(12, v);
  let upper = BigInt.asIntN(64, v - lower);
  const isSext32 = v >= -0x80000000n && v <= 0x7fffffffn;
  if (!isSext32) {
    let shift = 12n;
    while (((upper >> shift) & 1n) === 0n) shift++;
    upper = upper >> shift;
    loadConst(a, reg, upper);
    synth(a, 'slli', `x${reg}, x${reg}, ${shift}`);
    if (lower !== 0n) synth(a, 'addi', `x${reg}, x${reg}, ${lower}`);
    return;
  }
  let hiReg = 0;
  if (upper !== 0n) {
    const imm = (BigInt.asUintN(32, upper) >> 12n) & 0xfffffn;
    synth(a, 'lui', `x${reg}, 0x${imm.toString(16)}`);
    hiReg = reg;
  }
  if (lower !== 0n || hiReg === 0) synth(a, 'addiw', `x${reg}, x${hiReg}, ${lower}`);
}

interface OpList {
  parts: { text: string; start: number; end: number }[];
}

function operandList(a: Assembler, ops: string, base: number): OpList {
  const text = a.stmt.text;
  const parts: OpList['parts'] = [];
  let depth = 0;
  let s = base;
  for (let i = base; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (i === text.length || (c === ',' && depth === 0)) {
      parts.push({ text: text.slice(s, i), start: s, end: i });
      s = i + 1;
    }
  }
  if (parts.length === 1 && parts[0].text.trim() === '') return { parts: [] };
  void ops;
  return { parts };
}

function regOperand(a: Assembler, part: { text: string; start: number; end: number } | undefined, file: 'x' | 'f', name: string, mEnd: number): number {
  if (!part) throw new AsmError(`missing operand for '${name}'`, mEnd, mEnd + 1, 'bad-operand');
  const t = part.text.trim();
  const r = file === 'x' ? xReg(t) : fReg(t);
  if (r === undefined) {
    const want = file === 'x' ? 'an integer register' : 'a floating-point register';
    throw new AsmError(`expected ${want}, found ${describe(a, t)}`, part.start + (part.text.length - part.text.trimStart().length), part.end, 'bad-operand');
  }
  return r;
}

function symOperand(a: Assembler, part: { text: string; start: number; end: number } | undefined, name: string, mEnd: number): { val: Val; start: number; end: number } {
  if (!part || part.text.trim() === '') throw new AsmError(`missing symbol operand for '${name}'`, mEnd, mEnd + 1, 'bad-operand');
  const { e, end } = a.parseExprAt(a.stmt.text, part.start);
  if (skipSpaces(a.stmt.text, end) < part.end) throw new AsmError(`unexpected text after the operand`, end, part.end, 'bad-operand');
  const val = a.evalExpr(e, { foldCode: false });
  if (val.reloc) throw new AsmError(`%${val.reloc} cannot be used with '${name}'`, e.start, end, 'bad-operand');
  if (val.sub) throw new AsmError(`'${name}' needs a symbol or a constant, not a difference of symbols`, e.start, end, 'bad-operand');
  return { val, start: e.start, end };
}

function pcrelPair(a: Assembler, destReg: number, tmpReg: number, sym: { val: Val; start: number; end: number }, loWord: number, loReloc: number): void {
  if (sym.val.add > 0x7fffffffn || sym.val.add < -0x80000000n) throw new AsmError('offset too large', sym.start, sym.end, 'out-of-range');
  const label = a.fakeLabel();
  build32(a, OPC.auipc | (tmpReg << 7), R.PCREL_HI20, sym.val, sym.start, sym.end);
  build32(a, loWord, loReloc, { add: 0n, sym: label }, sym.start, sym.end);
  void destReg;
}

function expandPseudo(a: Assembler, name: string, ops: string, base: number, mStart: number, mEnd: number, failures: Failure[]): boolean {
  const { parts } = operandList(a, ops, base);
  const text = a.stmt.text;
  switch (name) {
    case 'li': {
      const rd = regOperand(a, parts[0], 'x', name, mEnd);
      if (!parts[1]) throw new AsmError(`'li' needs a value: li rd, constant`, mEnd, mEnd + 1, 'bad-operand');
      const { e, end } = a.parseExprAt(text, parts[1].start);
      if (skipSpaces(text, end) < text.length) throw new AsmError(`unexpected text after the constant`, end, text.length, 'bad-operand');
      const v = a.evalExpr(e, { foldCode: false });
      if (v.sym || v.sub || v.reloc) throw new AsmError(`'li' needs a constant; use 'la' to load the address of '${v.sym?.name ?? '?'}'`, e.start, end, 'not-constant');
      loadConst(a, rd, v.add);
      return true;
    }
    case 'la': case 'lla': {
      const rd = regOperand(a, parts[0], 'x', name, mEnd);
      const s = symOperand(a, parts[1], name, mEnd);
      if (parts.length > 2) throw new AsmError(`too many operands for '${name}'`, parts[2].start, text.length, 'bad-operand');
      if (!s.val.sym) {
        loadConst(a, rd, s.val.add);
        return true;
      }
      if (name === 'la' && a.opts.pic) {
        if (s.val.add > 0x7fffffffn || s.val.add < -0x80000000n) throw new AsmError('offset too large', s.start, s.end, 'out-of-range');
        const label = a.fakeLabel();
        build32(a, OPC.auipc | (rd << 7), R.GOT_HI20, s.val, s.start, s.end);
        build32(a, OPC.ld | (rd << 7) | (rd << 15), R.PCREL_LO12_I, { add: 0n, sym: label }, s.start, s.end);
        return true;
      }
      pcrelPair(a, rd, rd, s, OPC.addi | (rd << 7) | (rd << 15), R.PCREL_LO12_I);
      return true;
    }
    case 'la.tls.gd': case 'la.tls.ie': {
      const rd = regOperand(a, parts[0], 'x', name, mEnd);
      const s = symOperand(a, parts[1], name, mEnd);
      const label = a.fakeLabel();
      build32(a, OPC.auipc | (rd << 7), name === 'la.tls.gd' ? R.TLS_GD_HI20 : R.TLS_GOT_HI20, s.val, s.start, s.end);
      const lo = name === 'la.tls.gd' ? OPC.addi : OPC.ld;
      build32(a, lo | (rd << 7) | (rd << 15), R.PCREL_LO12_I, { add: 0n, sym: label }, s.start, s.end);
      return true;
    }
    case 'call': case 'tail': case 'jump': {
      let rd: number;
      let tmp: number;
      let s: { val: Val; start: number; end: number };
      if (name === 'call') {
        if (parts.length >= 2) {
          rd = regOperand(a, parts[0], 'x', name, mEnd);
          tmp = 6;
          s = symOperand(a, parts[1], name, mEnd);
        } else {
          rd = 1;
          tmp = 1;
          s = symOperand(a, parts[0], name, mEnd);
        }
      } else if (name === 'tail') {
        rd = 0;
        tmp = 6;
        s = symOperand(a, parts[0], name, mEnd);
      } else {
        s = symOperand(a, parts[0], name, mEnd);
        rd = 0;
        tmp = regOperand(a, parts[1], 'x', name, mEnd);
      }
      const off = a.here();
      a.recordLine(off);
      a.emitLE(OPC.auipc | (tmp << 7), 4);
      a.addFixup('other', R.CALL_PLT, off, 4, s.val, s.start, s.end);
      a.recordLine(a.here());
      a.emitLE(OPC.jalr | (rd << 7) | (tmp << 15), 4);
      return true;
    }
    case 'lb': case 'lbu': case 'lh': case 'lhu': case 'lw': case 'lwu': case 'ld': {
      if (parts.length !== 2) return false;
      if (failures.some((f) => f.progress >= 2 && !/not a constant|undefined symbol|expected an immediate/.test(f.message))) return false;
      const rd = regOperand(a, parts[0], 'x', name, mEnd);
      const s = symOperand(a, parts[1], name, mEnd);
      pcrelPair(a, rd, rd, s, OPC[name] | (rd << 7) | (rd << 15), R.PCREL_LO12_I);
      return true;
    }
    case 'flw': case 'fld': {
      if (parts.length !== 3) return false;
      const fd = regOperand(a, parts[0], 'f', name, mEnd);
      const s = symOperand(a, parts[1], name, mEnd);
      const rt = regOperand(a, parts[2], 'x', name, mEnd);
      pcrelPair(a, fd, rt, s, OPC[name] | (fd << 7) | (rt << 15), R.PCREL_LO12_I);
      return true;
    }
    case 'sb': case 'sh': case 'sw': case 'sd': case 'fsw': case 'fsd': {
      if (parts.length !== 3) return false;
      const rs = regOperand(a, parts[0], name.startsWith('f') ? 'f' : 'x', name, mEnd);
      const s = symOperand(a, parts[1], name, mEnd);
      const rt = regOperand(a, parts[2], 'x', name, mEnd);
      pcrelPair(a, rs, rt, s, OPC[name] | (rs << 20) | (rt << 15), R.PCREL_LO12_S);
      return true;
    }
    case 'sext.b': case 'sext.h': case 'zext.h': case 'zext.w': {
      if (parts.length !== 2) return false;
      const rd = regOperand(a, parts[0], 'x', name, mEnd);
      const rs = regOperand(a, parts[1], 'x', name, mEnd);
      const shift = name === 'sext.b' ? 56 : name === 'zext.w' ? 32 : 48;
      synth(a, 'slli', `x${rd}, x${rs}, 0x${shift.toString(16)}`);
      synth(a, name.startsWith('sext') ? 'srai' : 'srli', `x${rd}, x${rd}, 0x${shift.toString(16)}`);
      return true;
    }
  }
  void mStart;
  return false;
}

// ------------------------------------------------------------------ .insn

function insnDirective(a: Assembler, ops: string, base: number): void {
  const text = a.stmt.text;
  const { parts } = operandList(a, ops, base);
  if (parts.length === 0) throw new AsmError('.insn needs a value: .insn 0x13 or .insn 4, 0x13', base, base + 1, 'syntax');
  const first = parts[0].text.trim();
  if (/^[a-z]/i.test(first) && readIdent(first, 0)?.name === first.split(/\s/)[0] && /^[a-z]+\s/i.test(first)) {
    throw new AsmError(`.insn with an instruction format ('${first.split(/\s/)[0]}') is not supported; write the raw value: .insn 0x…`, parts[0].start, parts[0].end, 'unsupported');
  }
  let len: number | undefined;
  let valuePart = parts[0];
  if (parts.length === 2) {
    len = Number(a.constExpr(text, parts[0].start, '.insn length').v);
    valuePart = parts[1];
  } else if (parts.length > 2) throw new AsmError('.insn raw form takes at most two operands: length, value', parts[2].start, text.length, 'syntax');
  const { v } = a.constExpr(text, valuePart.start, '.insn value');
  const value = BigInt.asUintN(64, v);
  const natural = (value & 3n) === 3n ? 4 : 2;
  if (len === undefined) len = natural;
  if (len !== 2 && len !== 4 && len !== 6 && len !== 8) throw new AsmError(`.insn length must be 2, 4, 6 or 8, not ${len}`, parts[0].start, parts[0].end, 'syntax');
  if (len < 8 && value >> BigInt(len * 8) !== 0n) throw new AsmError(`.insn value 0x${value.toString(16)} does not fit in ${len} bytes`, valuePart.start, valuePart.end, 'out-of-range');
  if ((len === 2 && (value & 3n) === 3n) || (len === 4 && (value & 3n) !== 3n)) throw new AsmError(`.insn value conflicts with instruction length ${len}`, valuePart.start, valuePart.end, 'syntax');
  a.recordLine(a.here());
  a.emitLE(value, len);
}

export type { Sym };
