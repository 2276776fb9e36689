/**
 * Disassembly text exactly as GNU objdump 2.40 prints it for RV64 (default
 * ABI register names; `-M no-aliases` when aliases is false), plus objdump's
 * line layout. objdump annotates some instructions with a computed address
 * (" # <addr>"): after lui/auipc/c.lui it remembers the upper part per
 * register and adds the next addi/load/store/jalr offset on that register;
 * offsets on gp are relative to `__global_pointer$` (opts.gp) and offsets on
 * zero and tp are printed as addresses directly. Pass the same
 * `state` across consecutive instructions to get the multi-instruction form.
 */
import type { InsnSpec, OperandKind } from './types';
import { OPERANDS, parseSyntax } from './operands';
import { candidates, insnLength } from './decode';
import { gnuCsrName, type PrivSpec } from './csrs';
import { fRegName, xRegName } from './registers';

export interface DisasmState {
  /** Upper address part remembered per integer register (objdump's hi_addr). */
  readonly hiAddr: (bigint | undefined)[];
}

export function newDisasmState(): DisasmState {
  return { hiAddr: new Array<bigint | undefined>(32).fill(undefined) };
}

export interface DisasmOptions {
  aliases: boolean;
  state?: DisasmState;
  /** Value of `__global_pointer$` when the program defines it: offsets on gp are then annotated as addresses. */
  gp?: bigint;
  /** Privileged spec the file declares (its .riscv.attributes); CSR names follow it as objdump's do. Default 1.12. */
  privSpec?: PrivSpec;
}

const RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', undefined, undefined, 'dyn'];
const PRED_SUCC = [undefined, 'w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];

const X_KINDS = new Set<OperandKind>(['rd', 'rs1', 'rs2', 'c_rd', 'c_rs1', 'c_rs2', 'c_rdp', 'c_rs1p', 'c_rs2p', 'c_rd_same', 'c_rs1p_same', 'zero', 'c_sp']);
const F_KINDS = new Set<OperandKind>(['fd', 'fs1', 'fs2', 'fs3', 'fs12', 'c_fdp', 'c_fs2p', 'c_fs2']);
const HEX_KINDS = new Set<OperandKind>(['uimm20', 'c_lui', 'shamt6', 'shamt5', 'c_shamt']);
const PC_KINDS = new Set<OperandKind>(['bimm', 'jimm', 'c_bimm', 'c_jimm']);

const hex = (v: bigint): string => v.toString(16);

function printAddress(addr: bigint, symbolize?: (addr: bigint) => string | undefined): string {
  const sym = symbolize?.(addr);
  return sym !== undefined ? `${hex(addr)} <${sym}>` : `0x${hex(addr)}`;
}

/** The first entry (table order) that accepts the word, honouring alias mode. */
export function matchForDisasm(w: number, len: 2 | 4, aliases: boolean): InsnSpec | undefined {
  const list = candidates(w, len, aliases);
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (s.xlen !== undefined && s.xlen !== 64) continue;
    if (((w & s.mask) >>> 0) === s.match && (!s.constraint || s.constraint(w))) return s;
  }
  return undefined;
}

const sext32 = (v: number): bigint => BigInt(v | 0);

/**
 * objdump's text for one instruction: mnemonic, a tab, operands
 * (e.g. "addi\ta0,a0,1", "jal\tra,80000010 <foo>"). `symbolize` returns the
 * name inside <...> for an address (e.g. "foo" or "foo+0x8"); without it,
 * addresses print as objdump does for raw binaries ("0x80000010").
 */
export function disassembleInsn(
  word: number, pc: bigint, opts: DisasmOptions, symbolize?: (addr: bigint) => string | undefined,
): string {
  const len = insnLength(word & 0xffff);
  const w = len === 2 ? word & 0xffff : word >>> 0;
  const spec = matchForDisasm(w, len, opts.aliases);
  if (!spec) return `.${len}byte\t0x${w.toString(16)}`;
  const st = opts.state ?? newDisasmState();
  const hi = st.hiAddr;
  let printAddr: bigint | undefined;
  const rs1 = (w >>> 15) & 31;
  const rd = (w >>> 7) & 31;
  const itype = w >> 20;

  const maybe = (base: number, offset: number, wide: boolean): void => {
    const h = hi[base];
    let a: bigint;
    if (h !== undefined) {
      a = (base !== 0 ? h : 0n) + BigInt(offset);
      hi[base] = undefined;
    } else if (base === 3 && opts.gp !== undefined) a = opts.gp + BigInt(offset);
    else if (base === 4 || base === 0) a = BigInt(offset);
    else return;
    if (wide) a = BigInt.asIntN(32, a);
    printAddr = BigInt.asUintN(64, a);
  };

  const p = parseSyntax(spec.syntax);
  let out = spec.name;
  let ops = '';
  for (let i = 0; i < p.kinds.length; i++) {
    const k = p.kinds[i];
    const info = OPERANDS[k];
    const v = info.decode(w);
    if (p.optional[i] && v === (spec.defaults?.[k] ?? info.optionalDefault)) continue;
    ops += p.seps[i];
    if (X_KINDS.has(k)) {
      if (k === 'rd' || k === 'c_rd' || k === 'c_rs1') {
        // objdump's 'd' operand: remember lui/auipc/c.lui results.
        if ((w & 0x7f) === 0x17) hi[rd] = BigInt.asUintN(64, pc + sext32(w & 0xfffff000));
        else if ((w & 0x7f) === 0x37) hi[rd] = BigInt.asUintN(64, sext32(w & 0xfffff000));
        else if ((w & 0xe003) === 0x6001) hi[rd] = BigInt.asUintN(64, BigInt(OPERANDS.c_luiv.decode(w)));
      } else if (k === 'rs1' && (w & 0x707f) === 0x67) maybe(rs1, itype, false);
      ops += xRegName(v);
    } else if (F_KINDS.has(k)) ops += fRegName(v);
    else if (HEX_KINDS.has(k)) ops += `0x${v.toString(16)}`;
    else if (PC_KINDS.has(k)) ops += printAddress(BigInt.asUintN(64, pc + BigInt(v)), symbolize);
    else if (k === 'csr') ops += gnuCsrName(v, opts.privSpec) ?? `0x${v.toString(16)}`;
    else if (k === 'rm') ops += RM[v] ?? 'unknown';
    else if (k === 'pred' || k === 'succ') ops += PRED_SUCC[v] ?? 'unknown';
    else if (k === 'imm0') ops += 'zero';
    else {
      if (k === 'imm12') {
        if (p.seps[i + 1]?.startsWith('(')) maybe(rs1, itype, false); // objdump's 'o'
        if (((w & 0x707f) === 0x13 && rs1 !== 0) || (w & 0x707f) === 0x67) maybe(rs1, itype, false);
        if ((w & 0x707f) === 0x1b && rs1 !== 0) maybe(rs1, itype, true);
      } else if (k === 'simm12') maybe(rs1, v, false);
      else if (k === 'c_imm6' || k === 'c_nzimm6') {
        if ((w & 0xe003) === 0x0001 && rd !== 0) maybe(rd, v, false);
        if ((w & 0xe003) === 0x2001 && rd !== 0) maybe(rd, v, true);
      }
      ops += String(v);
    }
  }
  ops += p.seps[p.kinds.length];
  if (p.kinds.length > 0 || ops) out += '\t' + ops;
  if (printAddr !== undefined) out += ' # ' + printAddress(printAddr, symbolize);
  return out;
}

/**
 * One line of `objdump -d` output: address, the instruction bytes as objdump
 * groups them, and the text. objdump drops leading zero digits of addresses
 * in groups of four according to the section's last address; pass
 * `sectionEnd` for the exact width (default: the address itself).
 */
export function formatObjdumpLine(addr: bigint, word: number, len: 2 | 4, text: string, sectionEnd?: bigint): string {
  const digits = (sectionEnd ?? addr).toString(16).padStart(16, '0');
  let skip = 0;
  while (skip < 16 && digits[skip] === '0') skip++;
  if (skip === 16 && (sectionEnd ?? addr) !== 0n) skip = 0;
  skip = skip !== 0 ? (skip - 1) & ~3 : 0;
  let a = addr.toString(16).padStart(16, '0').slice(skip);
  a = a.replace(/^0+(?=.)/, (z) => ' '.repeat(z.length));
  const bytes = len === 4 ? (word >>> 0).toString(16).padStart(8, '0') + ' '.repeat(10) : (word & 0xffff).toString(16).padStart(4, '0') + ' '.repeat(16);
  return `${a}:\t${bytes}\t${text}`;
}
