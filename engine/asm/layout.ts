/**
 * After all statements: relaxes branches (GNU's relaxed_branch_length and
 * md_convert_frag), lays out frags, fills alignment padding, resolves or
 * turns fixups into relocations, and builds the ObjectFile.
 */
import type { LineRow, ObjSection, ObjSymbol, ObjectFile, Reloc } from '../obj/types';
import { OPERANDS } from '../isa/operands';
import { AsmError, Assembler } from './assembler';
import { elfFlags } from './march';
import { R } from './relocs';
import type { AlignTail, BranchTail, Fixup, Frag, Section, Sym } from './state';
import { symAddr } from './state';

const RVC_JUMP_REACH = 4096;

/** Relocations GNU pairs with R_RISCV_RELAX when relaxation is on. */
const RELAXABLE = new Set<number>([R.CALL, R.CALL_PLT, R.PCREL_HI20, R.PCREL_LO12_I, R.PCREL_LO12_S, R.HI20, R.LO12_I, R.LO12_S, R.TPREL_HI20, R.TPREL_LO12_I, R.TPREL_LO12_S, R.TPREL_ADD]);
const RVC_BRANCH_REACH = 512;
const BRANCH_REACH = 8192;

function inRange(v: number, reach: number): boolean {
  return v >= -reach / 2 && v < reach / 2;
}

function branchLength(t: BranchTail, f: Frag): number {
  let length = t.jump ? 4 : 8;
  const s = t.target;
  if (s && s.def === 'label' && s.binding !== 'weak' && s.sec === f.sec && s.frag) {
    const val = s.frag.addr + s.off + Number(t.addend) - (f.addr + f.bytes.length);
    if (t.rvc && inRange(val, t.jump ? RVC_JUMP_REACH : RVC_BRANCH_REACH)) length = 2;
    else if (inRange(val, BRANCH_REACH)) length = 4;
    else if (!t.jump && t.rvc) length = 6;
  }
  return length;
}

function alignPad(t: AlignTail, addr: number): number {
  const pad = (t.align - (addr % t.align)) % t.align;
  if (t.max !== undefined && pad > t.max) return 0;
  return pad;
}

function layoutSection(sec: Section): number {
  let addr = 0;
  for (const f of sec.frags) {
    f.addr = addr;
    addr += f.bytes.length;
    if (f.tail?.k === 'branch') f.tailSize = f.tail.length;
    else if (f.tail?.k === 'align') f.tailSize = alignPad(f.tail, addr);
    else f.tailSize = 0;
    addr += f.tailSize;
  }
  return addr;
}

export function relax(a: Assembler): void {
  for (let iter = 0; iter < 200; iter++) {
    for (const sec of a.sections) layoutSection(sec);
    let changed = false;
    for (const sec of a.sections) {
      for (const f of sec.frags) {
        const t = f.tail;
        if (t?.k !== 'branch') continue;
        const n = branchLength(t, f);
        // after a while only let branches grow, so the loop always ends
        if (n !== t.length && (iter < 50 || n > t.length)) {
          t.length = n;
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

const le16 = (w: number): number[] => [w & 0xff, (w >>> 8) & 0xff];
const le32 = (w: number): number[] => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff];

const MATCH_JAL = 0x6f;
const B_IMM_8 = OPERANDS.bimm.encode(8);

/** Turns a branch tail into bytes and fixups (md_convert_frag). */
function convertBranch(f: Frag, t: BranchTail): number[] {
  const out: number[] = [];
  const base = f.bytes.length;
  const fix = (kind: Fixup['kind'], reloc: number, at: number, size: number): Fixup => ({
    frag: f, off: base + at, size, kind, reloc, sym: t.target, addend: t.addend, pos: t.pos, endCol: t.pos.column + 1,
  });
  let word = t.word >>> 0;
  if (t.rvc) {
    if (t.length === 2) {
      out.push(...le16(word));
      f.fixups.push(fix(t.jump ? 'rvc_jump' : 'rvc_branch', t.jump ? R.RVC_JUMP : R.RVC_BRANCH, 0, 2));
      return out;
    }
    if (t.length === 6) {
      const inv = (word ^ 0x2000 ^ 0) | OPERANDS.c_bimm.encode(6); // c.beqz <-> c.bnez
      out.push(...le16(inv & 0xffff));
      out.push(...le32(MATCH_JAL));
      f.fixups.push(fix('jal', R.JAL, 2, 4));
      return out;
    }
    // expand the compressed form into its 32-bit twin
    const rs1 = 8 + ((word >>> 7) & 7);
    if ((word & 0xe003) === 0xa001) word = MATCH_JAL;
    else if ((word & 0xe003) === 0xc001) word = 0x63 | (rs1 << 15);
    else if ((word & 0xe003) === 0xe001) word = 0x1063 | (rs1 << 15);
  }
  if (t.length === 8) {
    const inv = ((word ^ 0x1000) | B_IMM_8) >>> 0;
    out.push(...le32(inv));
    out.push(...le32(MATCH_JAL));
    f.fixups.push(fix('jal', R.JAL, 4, 4));
    return out;
  }
  out.push(...le32(word));
  f.fixups.push(fix(t.jump ? 'jal' : 'branch', t.jump ? R.JAL : R.BRANCH, 0, 4));
  return out;
}

function alignBytes(t: AlignTail, pad: number): number[] {
  const out: number[] = [];
  if (t.code) {
    let n = pad;
    while (n % 2 !== 0) {
      out.push(0);
      n--;
    }
    if (n % 4 === 2) {
      out.push(...le16(0x0001));
      n -= 2;
    }
    while (n > 0) {
      out.push(...le32(0x00000013));
      n -= 4;
    }
    return out;
  }
  const fill = t.fill ?? 0;
  for (let i = 0; i < pad; i++) out.push((fill >>> (8 * (i % t.fillSize))) & 0xff);
  return out;
}

interface PendingReloc {
  sec: Section;
  offset: number;
  type: number;
  sym: Sym | undefined;
  addend: bigint;
}

function symValue(s: Sym | undefined): bigint {
  if (!s) return 0n;
  return symAddr(s);
}

function patch(bytes: number[], at: number, size: number, orBits: number): void {
  for (let i = 0; i < size; i++) bytes[at + i] |= (orBits >>> (8 * i)) & 0xff;
}

function writeLE(bytes: number[], at: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < size; i++) {
    bytes[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Resolves equated symbols defined by expressions, now that the layout is final. */
function resolveExprSymbols(a: Assembler): void {
  for (const s of a.symList) {
    if (s.def !== 'expr' || !s.expr) continue;
    try {
      const v = a.evalExpr(s.expr, { foldCode: true }, s.exprDot);
      if (!v.sym && !v.sub) {
        s.def = 'abs';
        s.value = v.add;
      } else if (v.sym && !v.sub && v.sym.def === 'label') {
        s.def = 'label';
        s.sec = v.sym.sec;
        s.frag = v.sym.frag;
        s.off = v.sym.off + Number(v.add);
      } else if (v.sym && v.sub && v.sym.def === 'label' && v.sub.def === 'label' && v.sym.sec === v.sub.sec) {
        s.def = 'abs';
        s.value = symAddr(v.sym) - symAddr(v.sub) + v.add;
      }
    } catch {
      /* reported when used */
    }
  }
}

/** The object, and every instruction's start with its source position (the line table keeps fewer). */
export interface BuiltObject {
  object: ObjectFile;
  insns: LineRow[];
}

export function buildObject(a: Assembler): BuiltObject {
  // GNU pads the end of each code section to the section's alignment with nops.
  // Its line table ends where the section's last frag did before that padding
  // (dwarf2dbg.c takes the fixed size of the last frag), so remember that frag.
  const beforePad = new Map<Section, Frag>();
  for (const sec of a.sections) {
    if (!sec.exec || sec.align <= 1) continue;
    const last = sec.frags[sec.frags.length - 1];
    beforePad.set(sec, last);
    // (with relaxation on, GNU pads with zeros instead)
    last.tail = a.opts.relax
      ? { k: 'align', align: sec.align, fill: 0, fillSize: 1, max: undefined, code: false, rvc: a.opts.rvc }
      : { k: 'align', align: sec.align, fill: undefined, fillSize: 1, max: undefined, code: true, rvc: a.opts.rvc };
    sec.frags.push(a.newFrag(sec));
  }
  relax(a);
  resolveExprSymbols(a);
  const relocs: PendingReloc[] = [];
  const sections: ObjSection[] = [];
  const lines: LineRow[] = [];
  const insns: LineRow[] = [];
  const lineEnds: { section: number; offset: number }[] = [];

  for (const sec of a.sections) {
    const size = layoutSection(sec);
    const bytes: number[] = [];
    let rows = 0;
    for (const f of sec.frags) {
      for (const l of f.lines) {
        const r = { section: sec.index, offset: f.addr + l.off, file: l.pos.file, line: l.pos.line, column: l.pos.column };
        insns.push(r);
        if (l.row !== undefined) {
          lines.push(l.row === r.line ? r : { ...r, line: l.row });
          rows++;
        }
      }
      let tailBytes: number[] = [];
      if (f.tail?.k === 'branch') tailBytes = convertBranch(f, f.tail);
      else if (f.tail?.k === 'align') tailBytes = alignBytes(f.tail, f.tailSize);
      const start = bytes.length;
      for (const b of f.bytes) bytes.push(b);
      for (const b of tailBytes) bytes.push(b);
      for (const fx of f.fixups) resolveFixup(a, sec, fx, bytes, start, relocs);
    }
    if (bytes.length !== size) throw new Error(`layout mismatch in ${sec.name}`);
    const padded = beforePad.get(sec);
    if (padded && rows > 0 && padded.addr + padded.bytes.length !== size) lineEnds.push({ section: sec.index, offset: padded.addr + padded.bytes.length });
    sections.push({
      name: sec.name,
      kind: sec.kind,
      alloc: sec.alloc,
      write: sec.write,
      exec: sec.exec,
      merge: sec.merge,
      align: sec.align,
      data: sec.kind === 'nobits' ? new Uint8Array(0) : Uint8Array.from(bytes),
      size,
      relocs: [],
    });
  }

  // symbols: section symbols, then locals in creation order, then globals
  const index = new Map<Sym, number>();
  const locals: ObjSymbol[] = [];
  const globals: ObjSymbol[] = [];
  const localSyms: Sym[] = [];
  const globalSyms: Sym[] = [];
  for (const sec of a.sections) if (sec.sym) localSyms.push(sec.sym);
  for (const s of a.symList) {
    if (s.isSection) continue;
    if (s.def === 'undef') {
      if (!s.inReloc && !s.declared) continue;
      if (s.binding === 'local') s.binding = 'global';
    }
    if (s.def === 'expr') {
      if (!s.inReloc && s.binding === 'local') continue;
    }
    if (s.temp && !s.inReloc) continue;
    if (s.binding === 'local') localSyms.push(s);
    else globalSyms.push(s);
  }
  const toObj = (s: Sym): ObjSymbol => {
    let size = 0n;
    if (s.sizeExpr) {
      try {
        const v = a.evalExpr(s.sizeExpr.e, { foldCode: true }, s.sizeExpr.dot);
        if (!v.sym) size = v.add;
        else if (v.sym && v.sub && v.sym.def === 'label' && v.sub.def === 'label' && v.sym.sec === v.sub.sec) size = symAddr(v.sym) - symAddr(v.sub) + v.add;
        else a.diags.push(diagAt(s, `.size of '${s.name}' is not a constant`, 'not-constant'));
      } catch (err) {
        if (err instanceof AsmError) a.diags.push(diagAt(s, `.size of '${s.name}': ${err.message}`, err.code));
      }
    }
    const section: ObjSymbol['section'] =
      s.def === 'label' && s.sec ? s.sec.index : s.def === 'abs' ? 'abs' : s.def === 'common' ? 'common' : 'undef';
    const type: ObjSymbol['type'] = s.type === 'tls' ? 'object' : s.type;
    return {
      name: s.name,
      section,
      value: s.def === 'common' ? s.value : symValue(s),
      size: s.def === 'common' || (!s.sizeExpr && s.size !== undefined) ? (s.size ?? 0n) : size,
      binding: s.binding,
      type,
      pos: s.pos,
    };
  };
  for (const s of localSyms) {
    index.set(s, locals.length);
    locals.push(toObj(s));
  }
  for (const s of globalSyms) {
    index.set(s, locals.length + globals.length);
    globals.push(toObj(s));
  }
  const symbols = [...locals, ...globals];
  for (const r of relocs) {
    const rel: Reloc = { offset: r.offset, type: r.type, symbol: r.sym ? index.get(r.sym) ?? -1 : -1, addend: r.addend };
    sections[r.sec.index].relocs.push(rel);
  }
  const object: ObjectFile = {
    sections,
    symbols,
    lines,
    eflags: elfFlags(a.initialArch) | (a.everRvc ? 1 : 0),
    arch: a.opts.arch.isaString,
    sourceFile: a.file,
  };
  if (lineEnds.length > 0) object.lineEnds = lineEnds;
  return { object, insns };
}

function diagAt(s: Sym, message: string, code: string) {
  const p = s.pos ?? { file: '', line: 1, column: 1 };
  return { file: p.file, range: { start: { line: p.line, column: p.column }, end: { line: p.line, column: p.column + s.name.length } }, severity: 'error' as const, message, code };
}

function resolveFixup(a: Assembler, sec: Section, fx: Fixup, bytes: number[], fragStart: number, relocs: PendingReloc[]): void {
  const at = fragStart + fx.off;
  const offset = fx.frag.addr + fx.off;
  const emit = (type: number, sym: Sym | undefined, addend: bigint) => {
    if (sym) sym.inReloc = true;
    relocs.push({ sec, offset, type, sym, addend });
    if (fx.relax && RELAXABLE.has(type)) relocs.push({ sec, offset, type: R.RELAX, sym: undefined, addend });
  };
  if (fx.kind === 'align') {
    relocs.push({ sec, offset, type: R.ALIGN, sym: undefined, addend: fx.addend });
    return;
  }
  const err = (message: string, code: string) => {
    a.diags.push({ file: fx.pos.file, range: { start: { line: fx.pos.line, column: fx.pos.column }, end: { line: fx.pos.line, column: Math.max(fx.endCol, fx.pos.column + 1) } }, severity: 'error', message, code });
  };
  let sym = fx.sym;
  let addend = fx.addend;
  // a symbol equated to a constant after its use
  if (sym && sym.def === 'abs' && !fx.sub) {
    addend += sym.value;
    sym = undefined;
  }
  if (fx.kind === 'data') {
    if (sym && fx.sub) {
      const sub = fx.sub;
      if (sym.def === 'label' && sub.def === 'label' && sym.sec === sub.sec && !sym.sec!.exec) {
        writeLE(bytes, at, fx.size, symAddr(sym) - symAddr(sub) + addend);
        return;
      }
      if (sub.def === 'abs') {
        addend -= sub.value;
      } else {
        const add = fx.size === 1 ? R.ADD8 : fx.size === 2 ? R.ADD16 : fx.size === 4 ? R.ADD32 : R.ADD64;
        const subT = fx.size === 1 ? R.SUB8 : fx.size === 2 ? R.SUB16 : fx.size === 4 ? R.SUB32 : R.SUB64;
        emit(add, sym, addend);
        relocs.push({ sec, offset, type: subT, sym: sub, addend: 0n });
        sub.inReloc = true;
        return;
      }
    }
    if (!sym) {
      writeLE(bytes, at, fx.size, addend);
      return;
    }
    if (fx.size !== 4 && fx.size !== 8) {
      err(`a ${fx.size}-byte value cannot hold the address of '${sym.name}'`, 'bad-reloc');
      return;
    }
    emit(fx.size === 4 ? R.R32 : R.R64, sym, addend);
    return;
  }
  const pc = BigInt(offset);
  switch (fx.kind) {
    case 'branch': case 'jal': case 'rvc_branch': case 'rvc_jump': {
      if (sym) {
        const delta = Number(BigInt.asIntN(32, symValue(sym) + addend - pc));
        const enc = fx.kind === 'branch' ? OPERANDS.bimm : fx.kind === 'jal' ? OPERANDS.jimm : fx.kind === 'rvc_branch' ? OPERANDS.c_bimm : OPERANDS.c_jimm;
        patch(bytes, at, fx.size, enc.encode(delta));
        if ((symValue(sym) + addend) % 2n !== 0n && sym.def === 'label' && sym.sec === sec) err(`branch target '${sym.name}' is not 2-byte aligned`, 'misaligned-target');
      }
      emit(fx.reloc, sym, addend);
      return;
    }
    case 'hi20': {
      patch(bytes, at, 4, OPERANDS.uimm20.encode(Number(BigInt.asUintN(20, (addend + 0x800n) >> 12n))));
      emit(fx.reloc, sym, addend);
      return;
    }
    case 'lo12_i': {
      patch(bytes, at, 4, OPERANDS.imm12.encode(Number(BigInt.asIntN(12, addend))));
      emit(fx.reloc, sym, addend);
      return;
    }
    case 'lo12_s': {
      patch(bytes, at, 4, OPERANDS.simm12.encode(Number(BigInt.asIntN(12, addend))));
      emit(fx.reloc, sym, addend);
      return;
    }
    default:
      emit(fx.reloc, sym, addend);
  }
}

export type { AlignTail };
