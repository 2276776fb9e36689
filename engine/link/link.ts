/**
 * The static linker. Lays sections out as GNU ld 2.40 does with its default
 * elf64lriscv script and `-Ttext ADDR --no-relax`, resolves symbols across
 * objects, applies relocations and builds the source map. Never throws:
 * problems come back as diagnostics.
 */
import * as C from '../elf/constants';
import { applyReloc, hi20, R_RISCV, relocKind, relocName } from '../obj/relocs';
import type { ObjSection, ObjSymbol, ObjectFile, SymbolBinding, SymbolType } from '../obj/types';
import type { ExeSection, ExeSegment, ExeSymbol, Executable, SourceMapEntry, SourceSequence } from './executable';
import { buildAttributes } from '../elf/attributes';
import { mergeArch, stackAlignOf } from './attributes-merge';
import { DEFAULT_SCRIPT, DISCARDED, globMatch, OrphanClass, OutputRule, ScriptStep } from './script';
import { canMerge, mergeGroup, type Mergeable } from './merge';

export interface LinkDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** Name of the input object the problem is in, when there is one. */
  file?: string;
}

export interface LinkOptions {
  /** Address of .text (ld -Ttext); default 0x80000000. */
  textAddress?: bigint;
  /** Entry symbol (ld -e); default _start. A number is accepted as an address. */
  entry?: string;
  /** Names of the objects for messages and FILE symbols (default: their sourceFile, or "object N"). */
  names?: string[];
}

export type LinkResult =
  | { ok: true; exe: Executable; diagnostics: LinkDiagnostic[] }
  | { ok: false; diagnostics: LinkDiagnostic[] };

export const MAXPAGESIZE = 0x1000n;
export const COMMONPAGESIZE = 0x1000n;
const TEXT_SEGMENT_DEFAULT = 0x10000n;

interface InSec {
  obj: number;
  index: number;
  sec: ObjSection;
  size: number;
  data: Uint8Array;
  out?: OutSec;
  address: bigint;
  /** Set when BFD's SHF_MERGE handling rewrote the contents: where an original offset went. */
  merged?: (offset: number) => { inp: InSec; offset: number };
}

interface OutSec {
  name: string;
  rule?: OutputRule;
  /** Input sections per rule (orphans use a single list). */
  groups: InSec[][];
  inputs: InSec[];
  address: bigint;
  size: number;
  align: number;
  removed: boolean;
}

interface Def {
  obj: number;      // -1 for linker-defined
  sym: number;
  binding: SymbolBinding;
  /** Resolved after layout. */
  address?: bigint;
  section?: string;
}

function alignUp(v: bigint, a: bigint): bigint {
  return a <= 1n ? v : (v + a - 1n) & ~(a - 1n);
}
function hex(v: bigint | number): string {
  return '0x' + BigInt.asUintN(64, BigInt(v)).toString(16);
}

function isTlsOut(o: { inputs: InSec[] }): boolean {
  return o.inputs.some((i) => isTls(i.sec));
}
/** ld's IS_TBSS: thread-local without contents. */
function isTbss(o: { inputs: InSec[] }): boolean {
  return isTlsOut(o) && o.inputs.every((i) => i.sec.kind === 'nobits');
}

function isTls(s: ObjSection): boolean {
  return /^\.t(data|bss)(\.|$)/.test(s.name) || s.name.startsWith('.gnu.linkonce.t') && /^\.gnu\.linkonce\.t[db]\./.test(s.name);
}

/** Address of byte `offset` of an input section after merging. */
function mergedAddress(inp: InSec, offset: bigint): bigint {
  if (!inp.merged || offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER)) return inp.address + offset;
  const m = inp.merged(Number(offset));
  return m.inp.address + BigInt(m.offset);
}

/**
 * Combines the SHF_MERGE inputs of one output section as BFD does: groups of
 * equal entry size, strings flag and alignment; sections with relocations
 * or partial entries are left alone.
 */
function mergeInputs(inputs: InSec[]): void {
  const groups = new Map<string, InSec[]>();
  for (const i of inputs) {
    const m = i.sec.merge;
    if (!m || i.sec.kind === 'nobits' || i.sec.relocs.length > 0) continue;
    const x: Mergeable = { data: i.data, align: i.sec.align, entsize: m.entsize, strings: m.strings };
    if (!canMerge(x)) continue;
    const key = `${m.entsize}/${m.strings}/${i.sec.align}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  }
  for (const list of groups.values()) {
    const g = mergeGroup(list.map((i) => ({ data: i.data, align: i.sec.align, entsize: i.sec.merge!.entsize, strings: i.sec.merge!.strings })));
    list.forEach((inp, k) => {
      inp.data = g.data[k];
      inp.size = g.data[k].length;
      inp.merged = (offset) => { const r = g.map(k, offset); return { inp: list[r.section], offset: r.offset }; };
    });
  }
}

/**
 * Where ld 2.40 puts an unmatched allocated input section (ldelf_place_orphan):
 * loaded notes with the notes after .interp, then nobits, TLS (data and bss
 * alike after .tdata), writable, read-only and code sections by their flags.
 */
function orphanClass(s: ObjSection): OrphanClass {
  if (s.kind === 'note') return 'interp';
  const tls = isTls(s);
  if (s.kind === 'nobits' && !tls) return 'bss';
  if (tls) return 'tdata';
  if (s.write) return 'data';
  return s.exec ? 'text' : 'rodata';
}

export function link(objects: ObjectFile[], opts: LinkOptions = {}): LinkResult {
  try {
    // SIZEOF_HEADERS (where notes land) depends on the program header count,
    // which depends on the layout: iterate to the fixed point as ld does.
    let headers = 3;
    for (let tries = 0; ; tries++) {
      const r = linkImpl(objects, opts, headers);
      if (!r.ok) return r;
      const n = programHeaderCount(r.exe);
      if (n === headers || tries >= 5) return r;
      headers = n;
    }
  } catch (e) {
    return { ok: false, diagnostics: [{ severity: 'error', message: `internal linker error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function linkImpl(objects: ObjectFile[], opts: LinkOptions, headerCount: number): LinkResult {
  const diags: LinkDiagnostic[] = [];
  const names = objects.map((o, i) => opts.names?.[i] ?? o.sourceFile ?? `object ${i + 1}`);
  const error = (message: string, obj?: number) => diags.push({ severity: 'error', message, file: obj === undefined ? undefined : names[obj] });
  const textAddress = opts.textAddress ?? 0x80000000n;

  // --- Validate object structure so later stages can index freely.
  objects.forEach((o, oi) => {
    o.symbols.forEach((s, si) => {
      if (typeof s.section === 'number' && !o.sections[s.section]) error(`symbol ${si} (${s.name}) refers to section ${s.section}, which does not exist`, oi);
    });
    o.sections.forEach((s) => {
      for (const r of s.relocs) {
        if (r.symbol >= o.symbols.length || r.symbol < -1) error(`relocation in ${s.name} at ${hex(r.offset)} refers to symbol ${r.symbol}, which does not exist`, oi);
      }
      if (s.kind !== 'nobits' && s.data.length !== s.size) error(`section ${s.name} has ${s.data.length} bytes of data but size ${s.size}`, oi);
    });
  });
  if (objects.length === 0) error('no input objects');
  if (diags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: diags };

  // --- Symbol resolution.
  const globals = new Map<string, Def>();
  const commons = new Map<string, { obj: number; sym: number; size: bigint; align: bigint }>();
  objects.forEach((o, oi) => {
    o.symbols.forEach((s, si) => {
      if (s.binding === 'local' || s.section === 'undef') return;
      if (s.section === 'common') {
        const have = commons.get(s.name);
        if (!have || s.size > have.size) commons.set(s.name, { obj: oi, sym: si, size: s.size, align: s.value > 0n ? s.value : 1n });
        return;
      }
      const have = globals.get(s.name);
      if (!have || (have.binding === 'weak' && s.binding === 'global')) {
        globals.set(s.name, { obj: oi, sym: si, binding: s.binding });
      } else if (have.binding === 'global' && s.binding === 'global') {
        error(`multiple definition of \`${s.name}'; first defined in ${names[have.obj]}`, oi);
      }
    });
  });
  if (diags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: diags };

  // Undefined names referenced somewhere (decides which PROVIDE symbols exist).
  const undefinedRefs = new Set<string>();
  for (const o of objects) for (const s of o.symbols) if (s.section === 'undef' && s.binding !== 'local' && !globals.has(s.name) && !commons.has(s.name)) undefinedRefs.add(s.name);

  // --- Collect allocated input sections and map them to output sections.
  const inputs: InSec[] = [];
  objects.forEach((o, oi) => o.sections.forEach((s, si) => {
    if (!s.alloc || s.kind === 'riscv.attributes') return;
    if (DISCARDED.some((p) => globMatch(p, s.name))) return;
    inputs.push({ obj: oi, index: si, sec: s, size: s.kind === 'nobits' ? s.size : s.data.length, data: s.kind === 'nobits' ? new Uint8Array(0) : s.data.slice(), address: 0n });
  }));
  // COMMON symbols become a synthetic input of .bss, as ld's *(COMMON).
  const commonInputs: { name: string; input: InSec }[] = [];
  for (const [name, c] of commons) {
    if (globals.has(name)) continue;
    const sec: ObjSection = { name: 'COMMON', kind: 'nobits', alloc: true, write: true, exec: false, align: Number(c.align), data: new Uint8Array(0), size: Number(c.size), relocs: [] };
    const input: InSec = { obj: c.obj, index: -1, sec, size: Number(c.size), data: new Uint8Array(0), address: 0n };
    commonInputs.push({ name, input });
  }

  const outs: OutSec[] = [];
  const steps: (ScriptStep | { kind: 'orphan'; out: OutSec })[] = [];
  const byRule = new Map<OutputRule, OutSec>();
  for (const step of DEFAULT_SCRIPT) {
    if (step.kind === 'section') {
      const os: OutSec = { name: step.rule.name, rule: step.rule, groups: step.rule.rules.map(() => []), inputs: [], address: 0n, size: 0, align: 1, removed: false };
      byRule.set(step.rule, os);
    }
  }
  const sectionRules = DEFAULT_SCRIPT.filter((s): s is Extract<ScriptStep, { kind: 'section' }> => s.kind === 'section').map((s) => s.rule);
  const orphansAfter = new Map<OrphanClass, OutSec[]>();
  const orphanByName = new Map<string, OutSec>();
  for (const inp of inputs) {
    let placed = false;
    for (const rule of sectionRules) {
      if (rule.onlyIf === 'ro' && inp.sec.write) continue;
      if (rule.onlyIf === 'rw' && !inp.sec.write) continue;
      const ri = rule.rules.findIndex((r) => r.patterns.some((p) => globMatch(p, inp.sec.name)));
      if (ri < 0) continue;
      byRule.get(rule)!.groups[ri].push(inp);
      placed = true;
      break;
    }
    if (placed) continue;
    let os = orphanByName.get(inp.sec.name);
    if (!os) {
      const anchor = orphanClass(inp.sec);
      os = { name: inp.sec.name, groups: [[]], inputs: [], address: 0n, size: 0, align: 1, removed: false };
      orphanByName.set(inp.sec.name, os);
      if (!orphansAfter.has(anchor)) orphansAfter.set(anchor, []);
      orphansAfter.get(anchor)!.push(os);
    }
    os.groups[0].push(inp);
  }
  const bssRule = sectionRules.find((r) => r.name === '.bss')!;
  const commonGroup = bssRule.rules.findIndex((r) => r.patterns.includes('COMMON'));
  for (const c of commonInputs) byRule.get(bssRule)!.groups[commonGroup].push(c.input);

  for (const step of DEFAULT_SCRIPT) {
    steps.push(step);
    if (step.kind === 'section') {
      const os = byRule.get(step.rule)!;
      outs.push(os);
      if (step.rule.anchor) for (const o of orphansAfter.get(step.rule.anchor) ?? []) { steps.push({ kind: 'orphan', out: o }); outs.push(o); }
    }
  }
  for (const os of outs) {
    os.rule?.rules.forEach((r, i) => {
      if (r.sort) os.groups[i].sort((a, b) => (a.sec.name < b.sec.name ? -1 : a.sec.name > b.sec.name ? 1 : 0));
    });
    os.inputs = os.groups.flat();
    mergeInputs(os.inputs);
    os.removed = os.inputs.every((i) => i.size === 0);
    os.align = Math.max(1, ...os.inputs.map((i) => i.sec.align));
  }

  // --- Layout (run twice when DATA_SEGMENT_ALIGN can save a page, as ld does).
  // Script symbols assigned inside an output section belong to it ('in'; when
  // it is removed, BFD moves them to a nearby section). Those assigned between
  // sections ('dot') get their section from ld's section_for_dot: the last
  // output section passed that ld kept or that defines a symbol (its
  // current_section) — or, after an assignment to `.`, the next section that
  // exists.
  interface ScriptSym {
    name: string; value: bigint; kind: 'in' | 'dot' | 'abs'; provide: boolean; hidden?: boolean;
    /** 'in': the section it was assigned in; 'dot': ld's current_section at the assignment. */
    sec?: OutSec;
    /** 'dot': an assignment to `.` came after the last section passed. */
    preferNext?: boolean;
    /** 'dot': number of output sections passed. */
    pos: number;
  }
  let scriptSyms: ScriptSym[] = [];
  const provided = (n: string) => undefinedRefs.has(n);
  const layout = (adjust: boolean): { base: bigint; end: bigint } => {
    scriptSyms = [];
    let dot = TEXT_SEGMENT_DEFAULT + BigInt(C.EHDR_SIZE + C.PHDR_SIZE * headerCount);
    let current: OutSec | undefined;
    let pos = 0;
    let preferNext = false;
    let base = 0n, end = 0n;
    const top = (name: string, value: bigint, provide = false) => scriptSyms.push({ name, value, kind: 'dot', sec: current, preferNext, pos, provide });
    const inside = (os: OutSec, name: string, value: bigint, provide = false, hidden = false) => scriptSyms.push({ name, value, kind: 'in', sec: os, pos, provide, hidden });
    for (const step of steps) {
      switch (step.kind) {
        case 'section': case 'orphan': {
          const os = step.kind === 'orphan' ? step.out : byRule.get(step.rule)!;
          pos = outs.indexOf(os) + 1;
          // -Ttext gives .text an address statement, which sets `.` even when .text is empty.
          if (os.name === '.text' && os.rule) dot = textAddress;
          const bounds = os.rule?.hiddenBounds;
          if (os.removed) {
            // A removed section that assigns a symbol stays ld's current_section (not "ignored").
            if (os.rule?.startSymbol || bounds?.some((b) => b && provided(b))) { current = os; preferNext = false; }
            if (os.rule?.startSymbol) inside(os, os.rule.startSymbol, dot);
            if (bounds?.[0]) inside(os, bounds[0], dot, true, true);
            if (bounds?.[1]) inside(os, bounds[1], dot, true, true);
            continue;
          }
          current = os;
          preferNext = false;
          if (!(os.name === '.text' && os.rule)) dot = alignUp(dot, BigInt(os.align));
          os.address = dot;
          if (os.rule?.startSymbol) inside(os, os.rule.startSymbol, dot);
          if (bounds?.[0]) inside(os, bounds[0], dot, true, true);
          let off = 0n;
          for (const inp of os.inputs) {
            off = alignUp(dot + off, BigInt(Math.max(1, inp.sec.align))) - dot;
            inp.out = os;
            inp.address = dot + off;
            off += BigInt(inp.size);
          }
          let endAddr = dot + off;
          if (os.name === '.bss' && off !== 0n) endAddr = alignUp(endAddr, 8n);
          os.size = Number(endAddr - dot);
          // .tbss occupies no address space: what follows starts where it starts.
          if (!isTbss(os)) dot = endAddr;
          if (bounds?.[1]) inside(os, bounds[1], endAddr, true, true);
          break;
        }
        case 'provide-dot':
          for (const n of step.names) top(n, dot, true);
          break;
        case 'assign-dot':
          for (const n of step.names) top(n, dot, step.provide ?? false);
          break;
        case 'dot-absolute':
          preferNext = true;
          break;
        case 'data-segment-align': {
          const aligned = alignUp(dot, MAXPAGESIZE);
          base = adjust ? aligned + ((dot + COMMONPAGESIZE - 1n) & (MAXPAGESIZE - COMMONPAGESIZE)) : aligned + (dot & (MAXPAGESIZE - 1n));
          dot = base;
          preferNext = true;
          break;
        }
        case 'bss-end': {
          dot = alignUp(dot, 8n);
          dot = alignUp(dot, 8n);
          preferNext = true;
          top('__BSS_END__', dot);
          const val = (n: string) => scriptSyms.find((s) => s.name === n)!.value;
          const a = val('__SDATA_BEGIN__') + 0x800n;
          const b1 = val('__DATA_BEGIN__') + 0x800n, b2 = dot - 0x800n;
          const mx = b1 > b2 ? b1 : b2;
          scriptSyms.push({ name: '__global_pointer$', value: a < mx ? a : mx, kind: 'abs', pos, provide: false });
          top('_end', dot);
          top('end', dot, true);
          end = dot;
          break;
        }
      }
    }
    return { base, end };
  };
  const first = layout(false);
  {
    const cp = COMMONPAGESIZE;
    const f = -first.base & (cp - 1n);
    const l = first.end & (cp - 1n);
    if (f !== 0n && l !== 0n && (first.base & ~(cp - 1n)) !== (first.end & ~(cp - 1n)) && f + l <= cp) layout(true);
  }
  const live = outs.filter((o) => !o.removed);
  const outFlags = (o: OutSec) => ({
    load: !o.inputs.every((i) => i.sec.kind === 'nobits'), tls: isTlsOut(o), readonly: !o.inputs.some((i) => i.sec.write), code: o.inputs.some((i) => i.sec.exec),
  });
  /** The section BFD moves a symbol of a removed output section to (_bfd_nearby_section). */
  const nearby = (removed: OutSec, value: bigint): OutSec | undefined => {
    const at = outs.indexOf(removed);
    let prev: OutSec | undefined, next: OutSec | undefined;
    for (let i = at - 1; i >= 0 && !prev; i--) if (!outs[i].removed) prev = outs[i];
    for (let i = at + 1; i < outs.length && !next; i++) if (!outs[i].removed) next = outs[i];
    if (!prev || !next) return prev ?? next;
    const p = outFlags(prev), n = outFlags(next);
    // The removed section has the flags its (empty) inputs gave it, never SEC_LOAD;
    // with no inputs at all it has none.
    const has = removed.inputs.length > 0;
    const r = { alloc: has, tls: isTlsOut(removed), readonly: has && !removed.inputs.some((i) => i.sec.write), code: removed.inputs.some((i) => i.sec.exec) };
    if (p.load !== n.load || p.tls !== n.tls) return !r.alloc || n.tls !== r.tls || (p.load && !n.load) ? prev : next;
    if (p.readonly !== n.readonly) return n.readonly !== r.readonly ? prev : next;
    if (p.code !== n.code) return n.code !== r.code ? prev : next;
    return value < next.address ? prev : next;
  };
  /** Nearest kept, non-TLS section at or before index `from` of `outs` (BFD walks section->prev). */
  const backFrom = (from: number): OutSec | undefined => {
    for (let i = from; i >= 0; i--) if (!outs[i].removed && !isTlsOut(outs[i])) return outs[i];
    return undefined;
  };
  const scriptSection = (s: ScriptSym): string => {
    if (s.kind === 'abs') return 'abs';
    if (s.kind === 'in') {
      const o = s.sec && (s.sec.removed ? nearby(s.sec, s.value) : s.sec);
      return o?.name ?? 'abs';
    }
    // section_for_dot.
    if (!s.sec || s.preferNext) {
      let next: OutSec | undefined;
      for (let i = s.pos; i < outs.length && !next; i++) if (!outs[i].removed) next = outs[i];
      if (next || !s.sec) return (next ? backFrom(outs.indexOf(next)) : backFrom(outs.length - 1))?.name ?? 'abs';
    }
    const from = backFrom(outs.indexOf(s.sec!));
    if (from) return from.name;
    return live.find((o) => !isTlsOut(o))?.name ?? 'abs';
  };

  // --- Final symbol values.
  const inputIndex = new Map<string, InSec>();
  for (const i of inputs) inputIndex.set(`${i.obj}:${i.index}`, i);
  const placedInput = (oi: number, si: number) => { const i = inputIndex.get(`${oi}:${si}`); return i?.out ? i : undefined; };

  const symbolAddress = (oi: number, s: ObjSymbol): { address: bigint; section: string } | undefined => {
    if (s.section === 'abs') return { address: s.value, section: 'abs' };
    if (typeof s.section !== 'number') return undefined;
    const inp = placedInput(oi, s.section);
    if (!inp) return undefined;
    return { address: mergedAddress(inp, s.value), section: inp.out!.name };
  };

  const resolved = new Map<string, { address: bigint; section: string; size: bigint; type: SymbolType; binding: SymbolBinding; obj: number }>();
  for (const [name, d] of globals) {
    const s = objects[d.obj].symbols[d.sym];
    const a = symbolAddress(d.obj, s);
    if (a) resolved.set(name, { ...a, size: s.size, type: s.type, binding: s.binding, obj: d.obj });
  }
  for (const c of commonInputs) {
    const s = objects[c.input.obj].symbols[commons.get(c.name)!.sym];
    resolved.set(c.name, { address: c.input.address, section: c.input.out?.name ?? '.bss', size: s.size, type: s.type === 'notype' ? 'object' : s.type, binding: 'global', obj: c.input.obj });
  }
  const linkerDefined: ExeSymbol[] = [];
  for (const s of scriptSyms) {
    if (s.name === '.') continue;
    if (s.provide && (!undefinedRefs.has(s.name) || resolved.has(s.name))) continue;
    const section = scriptSection(s);
    resolved.set(s.name, { address: s.value, section, size: 0n, type: 'notype', binding: s.hidden ? 'local' : 'global', obj: -1 });
    linkerDefined.push({ name: s.name, address: s.value, size: 0n, type: 'notype', binding: s.hidden ? 'local' : 'global', section, object: -1 });
  }
  if (undefinedRefs.has('__executable_start') && !resolved.has('__executable_start')) {
    const section = live[0]?.name ?? 'abs';
    resolved.set('__executable_start', { address: TEXT_SEGMENT_DEFAULT, section, size: 0n, type: 'notype', binding: 'global', obj: -1 });
    linkerDefined.push({ name: '__executable_start', address: TEXT_SEGMENT_DEFAULT, size: 0n, type: 'notype', binding: 'global', section, object: -1 });
  }
  // __start_SEC / __stop_SEC for orphan sections with C-identifier names.
  for (const os of live) {
    if (os.rule || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(os.name)) continue;
    for (const [n, v] of [[`__start_${os.name}`, os.address], [`__stop_${os.name}`, os.address + BigInt(os.size)]] as const) {
      if (!undefinedRefs.has(n) || resolved.has(n)) continue;
      resolved.set(n, { address: v, section: os.name, size: 0n, type: 'notype', binding: 'global', obj: -1 });
      linkerDefined.push({ name: n, address: v, size: 0n, type: 'notype', binding: 'global', section: os.name, object: -1 });
    }
  }

  // --- Relocations.
  const tlsOut = live.find((o) => o.inputs.some((i) => isTls(i.sec)));
  for (const inp of inputs) {
    if (!inp.out || inp.sec.kind === 'nobits') continue;
    const o = objects[inp.obj];
    const hiValues = new Map<number, { value: bigint; absolute: boolean }>();
    const los: { r: typeof inp.sec.relocs[0]; target: bigint }[] = [];
    const where = (off: number) => `${names[inp.obj]}: ${inp.sec.name}+${hex(off)}`;
    for (const r of inp.sec.relocs) {
      const kind = relocKind(r.type);
      if (kind === 'none') continue;
      if (kind === 'unsupported') {
        error(`${where(r.offset)}: ${relocName(r.type)} is not supported (no GOT, PLT, TLS descriptors or dynamic linking)`, inp.obj);
        continue;
      }
      let S = 0n;
      let addend = r.addend;
      let undefWeak = false;
      if (r.symbol >= 0) {
        const s = o.symbols[r.symbol];
        if (s.binding === 'local' && s.section !== 'undef') {
          const a = symbolAddress(inp.obj, s);
          if (!a) { error(`${where(r.offset)}: relocation ${relocName(r.type)} refers to \`${s.name}' in a discarded or non-allocated section`, inp.obj); continue; }
          S = a.address;
          // A section symbol + addend into merged contents points at the moved entry (BFD's _bfd_elf_rel_local_sym).
          const target = typeof s.section === 'number' ? placedInput(inp.obj, s.section) : undefined;
          if (s.type === 'section' && target?.merged) addend = mergedAddress(target, s.value + r.addend) - S;
        } else {
          const g = resolved.get(s.name);
          if (g) S = g.address;
          else if (s.binding === 'weak' || globals.get(s.name)?.binding === 'weak') undefWeak = true;
          else if (s.section !== 'undef') {
            const a = symbolAddress(inp.obj, s);
            if (!a) { error(`${where(r.offset)}: relocation refers to \`${s.name}' in a discarded section`, inp.obj); continue; }
            S = a.address;
          } else {
            const isWeakRef = o.symbols[r.symbol].binding === 'weak';
            if (isWeakRef) undefWeak = true;
            else { error(`${where(r.offset)}: undefined reference to \`${s.name}'`, inp.obj); continue; }
          }
        }
      }
      const P = inp.address + BigInt(r.offset);
      let value = S + addend;
      if (kind === 'pcrel') value -= P;
      if (kind === 'tprel') value -= tlsOut?.address ?? 0n;
      if ((r.type === R_RISCV.CALL || r.type === R_RISCV.CALL_PLT) && undefWeak) {
        // A call to an undefined weak function: jump to absolute 0 through x0, as ld does.
        if (r.offset + 8 <= inp.data.length) {
          const jalr = inp.data[r.offset + 4] | (inp.data[r.offset + 5] << 8) | (inp.data[r.offset + 6] << 16) | (inp.data[r.offset + 7] << 24);
          const cleared = (jalr & ~(0x1f << 15)) >>> 0;
          inp.data.set([cleared & 0xff, (cleared >>> 8) & 0xff, (cleared >>> 16) & 0xff, cleared >>> 24], r.offset + 4);
        }
        value = 0n;
      }
      if (kind === 'pcrel-lo') {
        los.push({ r, target: S + addend });
        continue;
      }
      let type = r.type;
      if (type === R_RISCV.PCREL_HI20) {
        const fits = (v: bigint) => { const h = hi20(v); return h >= -(1n << 31n) && h < (1n << 31n); };
        const abs = S + addend;
        if (!fits(value) && fits(abs) && r.offset + 4 <= inp.data.length) {
          // Out of auipc's reach but a valid lui address: rewrite auipc→lui as ld does.
          inp.data[r.offset] = (inp.data[r.offset] & 0x80) | 0x37;
          value = abs;
          type = R_RISCV.HI20;
          hiValues.set(r.offset, { value, absolute: true });
        } else {
          hiValues.set(r.offset, { value, absolute: false });
        }
      }
      const err = applyReloc(inp.data, r.offset, type, value);
      if (err) error(`${where(r.offset)}: ${err}${r.symbol >= 0 ? ` (symbol \`${o.symbols[r.symbol].name}')` : ''}`, inp.obj);
    }
    for (const { r, target } of los) {
      const hiOff = target - inp.address;
      const hi = hiOff >= 0n && hiOff < BigInt(inp.size) ? hiValues.get(Number(hiOff)) : undefined;
      if (!hi) {
        error(`${where(r.offset)}: ${relocName(r.type)} has no matching R_RISCV_PCREL_HI20 at ${hex(target)}`, inp.obj);
        continue;
      }
      const err = applyReloc(inp.data, r.offset, r.type, hi.value);
      if (err) error(`${where(r.offset)}: ${err}`, inp.obj);
    }
  }

  // --- Entry point.
  let entry = 0n;
  const entryName = opts.entry ?? '_start';
  const entrySym = resolved.get(entryName);
  const textOut = live.find((o) => o.name === '.text');
  if (entrySym) entry = entrySym.address;
  else if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(entryName)) entry = BigInt(entryName);
  else {
    // ld defaults to the start of .text, which -Ttext places even when it is empty.
    entry = textOut?.address ?? textAddress;
    diags.push({ severity: 'warning', message: `cannot find entry symbol ${entryName}; defaulting to ${entry.toString(16).padStart(16, '0')}` });
  }

  if (diags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: diags };

  // --- Output sections with contents.
  const sections: ExeSection[] = live.map((os) => {
    const nobits = os.inputs.every((i) => i.sec.kind === 'nobits');
    const data = nobits ? new Uint8Array(0) : new Uint8Array(os.size);
    if (!nobits) for (const i of os.inputs) if (i.sec.kind !== 'nobits') data.set(i.data, Number(i.address - os.address));
    let flags = C.SHF_ALLOC;
    if (os.inputs.some((i) => i.sec.write)) flags |= C.SHF_WRITE;
    if (os.inputs.some((i) => i.sec.exec)) flags |= C.SHF_EXECINSTR;
    if (os.inputs.some((i) => isTls(i.sec))) flags |= C.SHF_TLS;
    const nonEmpty = os.inputs.filter((i) => i.size > 0);
    const m0 = nonEmpty[0]?.sec.merge;
    if (m0 && nonEmpty.every((i) => i.sec.merge && i.sec.merge.strings === m0.strings && i.sec.merge.entsize === m0.entsize)) {
      flags |= C.SHF_MERGE | (m0.strings ? C.SHF_STRINGS : 0);
    }
    let type = nobits ? C.SHT_NOBITS : C.SHT_PROGBITS;
    if (!nobits && os.name === '.init_array') type = C.SHT_INIT_ARRAY;
    if (!nobits && os.name === '.fini_array') type = C.SHT_FINI_ARRAY;
    if (!nobits && os.name === '.preinit_array') type = C.SHT_PREINIT_ARRAY;
    if (!nobits && nonEmpty.length > 0 && nonEmpty.every((i) => i.sec.kind === 'note')) type = C.SHT_NOTE;
    return { name: os.name, address: os.address, size: os.size, data, nobits, type, flags, align: os.align, fileOffset: 0, ...(flags & C.SHF_MERGE ? { entsize: m0!.entsize } : {}) };
  });

  // --- Symbols: per object FILE + locals, then linker-defined and global symbols.
  const symbols: ExeSymbol[] = [];
  objects.forEach((o, oi) => {
    symbols.push({ name: names[oi], address: 0n, size: 0n, type: 'file', binding: 'local', section: 'abs', object: oi });
    for (const s of o.symbols) {
      if (s.binding !== 'local' || s.type === 'section' || s.type === 'file' || s.name.startsWith('.L') || s.name === '') continue;
      const a = symbolAddress(oi, s);
      if (!a) continue;
      symbols.push({ name: s.name, address: a.address, size: s.size, type: s.type, binding: 'local', section: a.section, object: oi });
    }
  });
  for (const s of linkerDefined) if (s.binding === 'local') symbols.push(s);
  const emitted = new Set<string>();
  for (const s of linkerDefined) if (s.binding !== 'local') { symbols.push(s); emitted.add(s.name); }
  objects.forEach((o, oi) => {
    for (const s of o.symbols) {
      if (s.binding === 'local' || emitted.has(s.name)) continue;
      const g = resolved.get(s.name);
      if (g) {
        if (g.obj !== oi && s.section !== 'undef') continue;
        symbols.push({ name: s.name, address: g.address, size: g.size, type: g.type, binding: g.binding, section: g.section, object: g.obj });
        emitted.add(s.name);
      }
      // Undefined (necessarily weak) symbols are left out, as ld does for static executables.
    }
  });
  // ld references the entry symbol (-e, default _start) itself: when nothing
  // defines it, it stays in the symbol table as an undefined global.
  if (!entrySym && !emitted.has(entryName) && !/^(0x[0-9a-f]+|[0-9]+)$/i.test(entryName)) {
    symbols.push({ name: entryName, address: 0n, size: 0n, type: 'notype', binding: 'global', section: 'undef', object: -1 });
  }

  // --- Source map.
  const sourceSequences: SourceSequence[] = [];
  objects.forEach((o, oi) => {
    const bySec = new Map<number, SourceMapEntry[]>();
    for (const row of o.lines) {
      const inp = placedInput(oi, row.section);
      if (!inp) continue;
      if (!bySec.has(row.section)) bySec.set(row.section, []);
      bySec.get(row.section)!.push({ address: inp.address + BigInt(row.offset), file: row.file, line: row.line, column: row.column });
    }
    // ld copies each object's sequences in the object's order: sections by their first line.
    for (const [si, rows] of bySec) {
      const inp = placedInput(oi, si)!;
      rows.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
      const lastEnd = rows[rows.length - 1].address;
      const end = inp.address + BigInt(o.lineEnds?.find((e) => e.section === si)?.offset ?? inp.size);
      sourceSequences.push({ object: oi, start: inp.address, end: end > lastEnd ? end : lastEnd, rows });
    }
  });
  const sourceMap = sourceSequences.flatMap((s) => s.rows).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  // --- Attributes: merged as ld merges them; .comment strings deduplicated (ld merges SHF_STRINGS).
  const arch = mergeArch(objects.map((o) => o.arch)) ?? objects.find((o) => o.arch)?.arch ?? '';
  let stackAlign: number | undefined;
  for (const o of objects) {
    const a = o.sections.find((s) => s.kind === 'riscv.attributes');
    const sa = a ? stackAlignOf(a.data) : undefined;
    if (sa !== undefined && stackAlign !== undefined && sa !== stackAlign) diags.push({ severity: 'warning', message: `objects disagree on stack alignment (${stackAlign} and ${sa})` });
    stackAlign ??= sa;
  }
  const attributes = arch ? buildAttributes(arch, stackAlign) : undefined;
  const comments: string[] = [];
  for (const o of objects) {
    for (const s of o.sections) {
      if (s.name !== '.comment' || s.alloc) continue;
      for (const str of new TextDecoder().decode(s.data).split('\0')) if (str && !comments.includes(str)) comments.push(str);
    }
  }

  const exe: Executable = {
    // ld ORs the RVC and TSO flags; the float ABI must agree (first object's is used).
    entry, eflags: objects.reduce((f, o) => f | (o.eflags & (C.EF_RISCV_RVC | 0x10)), objects[0]?.eflags ?? 0), arch, attributes: attributes ?? new Uint8Array(0), sections, segments: [],
    headersInFirstSegment: false, symbols, sourceMap, sourceSequences, objectNames: names,
    ...(comments.length ? { comment: new TextEncoder().encode(comments.map((c) => c + '\0').join('')) } : {}),
  };
  layoutFile(exe);
  return { ok: true, exe, diagnostics: diags };
}

/**
 * Groups sections into PT_LOAD segments and assigns file offsets the way
 * BFD does for a static executable: a new segment when the next section
 * starts beyond the next page, or is writable after read-only contents, or
 * has contents after bss; the ELF and program headers are mapped by the first
 * segment when they fit below the first section in its page.
 */
export function layoutFile(exe: Executable): void {
  const secs = exe.sections;
  const groups: ExeSection[][] = [];
  let last: ExeSection | undefined;
  let writable = false;
  for (const s of secs) {
    let split = last === undefined;
    if (last) {
      // A .tbss section takes no room in the segment (BFD's IS_TBSS).
      const lastEnd = last.address + BigInt(isTbssSection(last) ? 0 : last.size);
      if (s.address < lastEnd) split = true;
      // Only when a whole page would be skipped inside the segment.
      else if (alignUp(lastEnd, MAXPAGESIZE) < (s.address & ~(MAXPAGESIZE - 1n))) split = true;
      else if (last.nobits && !isTbssSection(last) && !s.nobits) split = true;  // .tbss counts as loaded here
      else if (!writable && (s.flags & C.SHF_WRITE) && ((lastEnd - 1n) & ~(MAXPAGESIZE - 1n)) !== (s.address & ~(MAXPAGESIZE - 1n))) split = true;
    }
    if (split) { groups.push([]); writable = false; }
    groups[groups.length - 1].push(s);
    if (s.flags & C.SHF_WRITE) writable = true;
    last = s;
  }
  const phnum = groups.length + otherHeaderCount(exe);
  const phdrSize = BigInt(C.EHDR_SIZE + C.PHDR_SIZE * phnum);
  let fileEnd = phdrSize;
  exe.segments = [];
  exe.headersInFirstSegment = false;
  groups.forEach((g, gi) => {
    const firstSec = g[0];
    let vaddr = firstSec.address;
    let offset: bigint;
    if (gi === 0 && firstSec.address >= phdrSize) {
      const phdrLma = (firstSec.address - phdrSize) & ~(MAXPAGESIZE - 1n);
      exe.headersInFirstSegment = true;
      vaddr = phdrLma;
      offset = 0n;
    } else {
      const want = firstSec.address & (MAXPAGESIZE - 1n);
      offset = (fileEnd & ~(MAXPAGESIZE - 1n)) + want;
      if (offset < fileEnd) offset += MAXPAGESIZE;
    }
    let contentEnd = offset;
    let flags = C.PF_R;
    for (const s of g) {
      if (s.nobits) {
        s.fileOffset = Number(contentEnd);
      } else {
        s.fileOffset = Number(offset + (s.address - vaddr));
        contentEnd = BigInt(s.fileOffset + s.size);
      }
      if (s.flags & C.SHF_WRITE) flags |= C.PF_W;
      if (s.flags & C.SHF_EXECINSTR) flags |= C.PF_X;
    }
    if (contentEnd < offset + (firstSec.address - vaddr)) contentEnd = offset + (firstSec.address - vaddr);
    let memEnd = vaddr;
    for (const s of g) { const e = s.address + BigInt(isTbssSection(s) ? 0 : s.size); if (e > memEnd) memEnd = e; }
    const filesz = Number(contentEnd - offset);
    // A segment with nothing in the file: BFD keeps the congruent offset but
    // does not push it past the end of the file, it steps a page back.
    if (filesz === 0 && gi > 0 && offset >= MAXPAGESIZE) {
      offset -= MAXPAGESIZE;
      contentEnd = offset;
    }
    const bytes = new Uint8Array(filesz);
    for (const s of g) if (!s.nobits) bytes.set(s.data, Number(s.address - vaddr));
    exe.segments.push({ address: vaddr, bytes, memsz: Number(memEnd - vaddr), flags, fileOffset: Number(offset) });
    if (filesz > 0) fileEnd = contentEnd;
  });
}

function isTbssSection(s: ExeSection): boolean {
  return s.nobits && (s.flags & C.SHF_TLS) !== 0;
}

/** A PT_NOTE segment: the sections it covers, as indices into exe.sections. */
export interface NoteSegment { first: number; last: number }

/**
 * BFD's PT_NOTE segments: one per loaded SHT_NOTE section, except that
 * adjacent notes aligned to 4 (or to 8) that follow each other without a gap
 * beyond that alignment share one.
 */
export function noteSegments(exe: Executable): NoteSegment[] {
  const out: NoteSegment[] = [];
  const secs = exe.sections;
  const isNote = (s: ExeSection) => s.type === C.SHT_NOTE && !s.nobits;
  for (let i = 0; i < secs.length; i++) {
    if (!isNote(secs[i])) continue;
    const a = secs[i].align;
    let j = i;
    if (a === 4 || a === 8) {
      while (j + 1 < secs.length && isNote(secs[j + 1]) && secs[j + 1].align === a
        && alignUp(secs[j].address + BigInt(secs[j].size), BigInt(a)) === secs[j + 1].address) j++;
    }
    out.push({ first: i, last: j });
    i = j;
  }
  return out;
}

/** Program headers besides PT_LOAD: PT_RISCV_ATTRIBUTES, PT_NOTE, PT_TLS. */
function otherHeaderCount(exe: Executable): number {
  return (exe.attributes.length ? 1 : 0) + noteSegments(exe).length + (exe.sections.some((s) => s.flags & C.SHF_TLS) ? 1 : 0);
}

/** Number of program headers writeExecutable emits for `exe`. */
export function programHeaderCount(exe: Executable): number {
  return exe.segments.length + otherHeaderCount(exe);
}
