/**
 * Seeded random RV64GC + Zba/Zbb/Zbc/Zbs program generator for differential
 * testing against QEMU. Each program starts from random register values,
 * runs a random mix of instructions that never trap on QEMU's virt machine
 * (every memory access lands in its own scratch buffer, aligned except for a
 * few plain loads/stores, every dynamic rounding mode is valid), then dumps x1..x31, f0..f31, fcsr and a checksum
 * of its scratch buffer over the UART through the shared hs-runtime.s.
 *
 * The same seed always gives the same text, so a failing program can be
 * rebuilt alone from its seed (see `standaloneSource`).
 */
import { mixSeed, Rng } from './rng';

/** x9 (s1) holds the scratch buffer's address for the whole body: it is in
 * the compressed register range, so loads and stores off it compress. */
const BASE = 9;
export const SCRATCH_BYTES = 256;

export interface GenOptions {
  /** Random operations per program (each is one to a few instructions). */
  ops?: number;
}

export interface GeneratedProgram {
  seed: number;
  /** Label-safe unique name of the program inside a file. */
  tag: string;
  /** Header line the program prints before its dump. */
  header: string;
  text: string;
  data: string;
  /** The text of each random operation, in order (for reports). */
  ops: string[];
}

const I64_MIN = -(1n << 63n);
const mask64 = (v: bigint) => BigInt.asUintN(64, v);

function hex64(v: bigint): string {
  return '0x' + mask64(v).toString(16);
}

/** Signed 64-bit immediate text for `li`. */
function imm64(v: bigint): string {
  const s = BigInt.asIntN(64, v);
  return s < 0n ? '-0x' + (-s).toString(16) : '0x' + s.toString(16);
}

const X_NAMES = Array.from({ length: 32 }, (_, i) => `x${i}`);
const F_NAMES = Array.from({ length: 32 }, (_, i) => `f${i}`);

const RMS = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn'] as const;

class BodyGen {
  private lines: string[] = [];
  private labelN = 0;
  /** Registers that must not be written right now (x9, loop counters). */
  private reserved = new Set<number>([BASE]);

  constructor(private rng: Rng, private tag: string) {}

  emit(s: string) {
    this.lines.push('        ' + s);
  }
  label(): string {
    return `.L${this.tag}_${this.labelN++}`;
  }
  place(l: string) {
    this.lines.push(`${l}:`);
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
  mark(): number {
    return this.lines.length;
  }
  since(mark: number): string {
    return this.lines.slice(mark).join('\n');
  }

  // ---- operand choice ----------------------------------------------------
  rd(): string {
    return X_NAMES[this.rdNum()];
  }
  rdNum(): number {
    if (this.rng.chance(0.03)) return 0;
    for (;;) {
      const r = this.rng.range(1, 31);
      if (!this.reserved.has(r)) return r;
    }
  }
  /** A writable register other than x0, for temporaries. */
  tmp(): number {
    for (;;) {
      const r = this.rng.range(1, 31);
      if (!this.reserved.has(r)) return r;
    }
  }
  /** Destination in x8..x15 (compressed forms). */
  rdc(): string | undefined {
    const ok = [8, 10, 11, 12, 13, 14, 15].filter((r) => !this.reserved.has(r));
    return ok.length ? X_NAMES[this.rng.pick(ok)] : undefined;
  }
  rs(): string {
    return X_NAMES[this.rng.chance(0.05) ? 0 : this.rng.range(1, 31)];
  }
  rsc(): string {
    return X_NAMES[this.rng.range(8, 15)];
  }
  fr(): string {
    return F_NAMES[this.rng.below(32)];
  }
  frc(): string {
    return F_NAMES[this.rng.range(8, 15)];
  }
  rm(): string {
    return this.rng.chance(0.2) ? '' : ', ' + this.rng.pick(RMS);
  }
  imm12(): number {
    return this.rng.weighted<() => number>([
      [3, () => this.rng.range(-2048, 2047)],
      [2, () => this.rng.range(-16, 16)],
      [1, () => this.rng.pick([0, 1, -1, 2047, -2048, 0x7ff, 0x800 - 1, 255, -256])],
    ])();
  }
  shamt(max: number): number {
    return this.rng.chance(0.4) ? this.rng.pick([0, 1, max >> 1, (max >> 1) - 1, (max >> 1) + 1, max]) : this.rng.range(0, max);
  }
  /** An aligned offset for an access of `size` bytes in the scratch buffer. */
  offset(size: number): number {
    return this.rng.below(SCRATCH_BYTES / size) * size;
  }

  // ---- straight-line operations -----------------------------------------
  aluR() {
    const op = this.rng.pick(['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'addw', 'subw', 'sllw', 'srlw', 'sraw']);
    this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.rs()}`);
  }
  aluI() {
    const k = this.rng.below(6);
    if (k < 3) {
      const op = this.rng.pick(['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw']);
      this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.imm12()}`);
    } else if (k < 5) {
      const w = this.rng.chance(0.4);
      const op = this.rng.pick(['slli', 'srli', 'srai']) + (w ? 'w' : '');
      this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.shamt(w ? 31 : 63)}`);
    } else {
      const op = this.rng.pick(['lui', 'auipc']);
      const v = this.rng.chance(0.3) ? this.rng.pick([0, 1, 0x7ffff, 0x80000, 0xfffff]) : this.rng.below(0x100000);
      this.emit(`${op} ${this.rd()}, ${v}`);
    }
  }
  mul() {
    const op = this.rng.pick(['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw']);
    this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.rs()}`);
  }
  /** Division by zero and overflow (INT_MIN / -1) in every width. */
  divEdge() {
    const op = this.rng.pick(['div', 'divu', 'rem', 'remu', 'divw', 'divuw', 'remw', 'remuw']);
    if (this.rng.chance(0.5)) {
      this.emit(`${op} ${this.rd()}, ${this.rs()}, x0`);
      return;
    }
    const a = this.tmp();
    let b = this.tmp();
    if (b === a) return;
    const w = op.endsWith('w');
    this.emit(`li x${a}, ${w ? (this.rng.chance(0.5) ? '-0x80000000' : '0x7fffffff80000000') : imm64(I64_MIN)}`);
    this.emit(`li x${b}, -1`);
    this.emit(`${op} ${this.rd()}, x${a}, x${b}`);
  }
  bitmanip() {
    const k = this.rng.below(3);
    if (k === 0) {
      const op = this.rng.pick(['andn', 'orn', 'xnor', 'min', 'max', 'minu', 'maxu', 'rol', 'ror', 'rolw', 'rorw', 'clmul', 'clmulh', 'clmulr',
        'add.uw', 'sh1add', 'sh2add', 'sh3add', 'sh1add.uw', 'sh2add.uw', 'sh3add.uw', 'bclr', 'bext', 'binv', 'bset']);
      this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.rs()}`);
    } else if (k === 1) {
      const op = this.rng.pick(['clz', 'clzw', 'ctz', 'ctzw', 'cpop', 'cpopw', 'sext.b', 'sext.h', 'zext.h', 'orc.b', 'rev8', 'zext.w']);
      if (op === 'ctzw') {
        // QEMU 7.2 counts into bits 63:32 when bits 31:0 are all zero (ctzw of
        // 1<<62 gives 62; the spec says 32). Keep the operand out of that case:
        // either sign-extended (then zero low word means zero) or with a low bit set.
        const t = this.tmp();
        if (this.rng.chance(0.5)) this.emit(`sext.w x${t}, ${this.rs()}`);
        else this.emit(`ori x${t}, ${this.rs()}, ${this.rng.pick([1, 2, 0x400, -2048, this.rng.range(1, 2047)])}`);
        this.emit(`ctzw ${this.rd()}, x${t}`);
        return;
      }
      this.emit(`${op} ${this.rd()}, ${this.rs()}`);
    } else {
      const op = this.rng.pick(['rori', 'roriw', 'slli.uw', 'bclri', 'bexti', 'binvi', 'bseti']);
      this.emit(`${op} ${this.rd()}, ${this.rs()}, ${this.shamt(op === 'roriw' ? 31 : 63)}`);
    }
  }
  load() {
    const [op, size] = this.rng.pick([['lb', 1], ['lbu', 1], ['lh', 2], ['lhu', 2], ['lw', 4], ['lwu', 4], ['ld', 8]] as const);
    this.emit(`${op} ${this.rd()}, ${this.offset(size)}(x${BASE})`);
  }
  store() {
    const [op, size] = this.rng.pick([['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]] as const);
    this.emit(`${op} ${this.rs()}, ${this.offset(size)}(x${BASE})`);
  }
  /** Misaligned scalar accesses inside the buffer: QEMU 7.2 performs them
   * in RAM without trapping (the spec allows either), and so must we. */
  misaligned() {
    const [op, size] = this.rng.pick([['lh', 2], ['lhu', 2], ['lw', 4], ['lwu', 4], ['ld', 8], ['sh', 2], ['sw', 4], ['sd', 8]] as const);
    let off = this.rng.range(0, SCRATCH_BYTES - size);
    if (off % size === 0) off += 1;
    const reg = op.startsWith('s') ? this.rs() : this.rd();
    this.emit(`${op} ${reg}, ${off}(x${BASE})`);
  }
  fpLoadStore() {
    const [op, size] = this.rng.pick([['flw', 4], ['fld', 8], ['fsw', 4], ['fsd', 8]] as const);
    this.emit(`${op} ${this.fr()}, ${this.offset(size)}(x${BASE})`);
  }
  /** A register pointing into the scratch buffer, for AMOs and LR/SC. */
  addrReg(offset: number): number {
    const r = this.tmp();
    this.emit(`addi x${r}, x${BASE}, ${offset}`);
    return r;
  }
  amo() {
    const d = this.rng.chance(0.5);
    const a = this.addrReg(this.offset(d ? 8 : 4));
    const op = this.rng.pick(['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu']);
    const ord = this.rng.pick(['', '.aq', '.rl', '.aqrl']);
    this.emit(`${op}.${d ? 'd' : 'w'}${ord} ${this.rd()}, ${this.rs()}, (x${a})`);
  }
  /** LR/SC: a pair that succeeds, then an SC with no reservation left or
   * an SC to another address, which must fail (QEMU writes 1). */
  lrsc() {
    const d = this.rng.chance(0.5) ? 'd' : 'w';
    const size = d === 'd' ? 8 : 4;
    const off = this.offset(size);
    const a = this.addrReg(off);
    this.reserved.add(a);
    const pattern = this.rng.below(3);
    this.emit(`lr.${d} ${this.rd()}, (x${a})`);
    if (pattern === 0) {
      this.emit(`sc.${d} ${this.rd()}, ${this.rs()}, (x${a})`);
    } else if (pattern === 1) {
      this.emit(`sc.${d} ${this.rd()}, ${this.rs()}, (x${a})`);
      this.emit(`sc.${d} ${this.rd()}, ${this.rs()}, (x${a})`);
    } else {
      this.reserved.delete(a);
      // any other aligned address in the buffer: outside the reservation
      const other = (off + size * this.rng.range(1, SCRATCH_BYTES / size - 1)) % SCRATCH_BYTES;
      const b = this.addrReg(other);
      this.emit(`sc.${d} ${this.rd()}, ${this.rs()}, (x${b})`);
    }
    this.reserved.delete(a);
  }
  fpArith() {
    const p = this.rng.chance(0.5) ? 's' : 'd';
    const k = this.rng.below(10);
    if (k < 4) {
      const op = this.rng.pick(['fadd', 'fsub', 'fmul', 'fdiv']);
      this.emit(`${op}.${p} ${this.fr()}, ${this.fr()}, ${this.fr()}${this.rm()}`);
    } else if (k < 5) {
      this.emit(`fsqrt.${p} ${this.fr()}, ${this.fr()}${this.rm()}`);
    } else if (k < 7) {
      const op = this.rng.pick(['fmin', 'fmax', 'fsgnj', 'fsgnjn', 'fsgnjx']);
      this.emit(`${op}.${p} ${this.fr()}, ${this.fr()}, ${this.fr()}`);
    } else {
      const op = this.rng.pick(['fmadd', 'fmsub', 'fnmadd', 'fnmsub']);
      this.emit(`${op}.${p} ${this.fr()}, ${this.fr()}, ${this.fr()}, ${this.fr()}${this.rm()}`);
    }
  }
  fpConvert() {
    const p = this.rng.chance(0.5) ? 's' : 'd';
    const i = this.rng.pick(['w', 'wu', 'l', 'lu']);
    const k = this.rng.below(3);
    if (k === 0) {
      this.emit(`fcvt.${i}.${p} ${this.rd()}, ${this.fr()}${this.rm()}`);
    } else if (k === 1) {
      // binutils takes no rounding mode on the exact int32 -> double forms
      const exact = p === 'd' && (i === 'w' || i === 'wu');
      this.emit(`fcvt.${p}.${i} ${this.fr()}, ${this.rs()}${exact ? '' : this.rm()}`);
    } else if (this.rng.chance(0.5)) {
      this.emit(`fcvt.s.d ${this.fr()}, ${this.fr()}${this.rm()}`);
    } else {
      this.emit(`fcvt.d.s ${this.fr()}, ${this.fr()}`);
    }
  }
  fpCompare() {
    const p = this.rng.chance(0.5) ? 's' : 'd';
    if (this.rng.chance(0.3)) {
      this.emit(`fclass.${p} ${this.rd()}, ${this.fr()}`);
    } else {
      const op = this.rng.pick(['feq', 'flt', 'fle']);
      this.emit(`${op}.${p} ${this.rd()}, ${this.fr()}, ${this.fr()}`);
    }
  }
  fpMove() {
    const k = this.rng.below(4);
    if (k === 0) this.emit(`fmv.x.w ${this.rd()}, ${this.fr()}`);
    else if (k === 1) this.emit(`fmv.w.x ${this.fr()}, ${this.rs()}`);
    else if (k === 2) this.emit(`fmv.x.d ${this.rd()}, ${this.fr()}`);
    else this.emit(`fmv.d.x ${this.fr()}, ${this.rs()}`);
  }
  /** fcsr traffic; the rounding mode written is always a valid one (0..4)
   * so later dynamic-rounding instructions do not trap. */
  fcsr() {
    const k = this.rng.below(7);
    const frm = this.rng.range(0, 4);
    if (k === 0) this.emit(`fsrmi ${this.rd()}, ${frm}`);
    else if (k === 1) this.emit(`fsflagsi ${this.rd()}, ${this.rng.range(0, 31)}`);
    else if (k === 2) this.emit(`frflags ${this.rd()}`);
    else if (k === 3) this.emit(`frrm ${this.rd()}`);
    else if (k === 4) this.emit(`frcsr ${this.rd()}`);
    else {
      const t = this.tmp();
      const v = k === 5 ? frm : (frm << 5) | this.rng.range(0, 31);
      // high garbage bits must be ignored by the write
      this.emit(`li x${t}, ${v | (this.rng.chance(0.3) ? 0x100 : 0)}`);
      if (k === 5) this.emit(`fsrm ${this.rd()}, x${t}`);
      else this.emit(`fscsr ${this.rd()}, x${t}`);
    }
  }
  compressed() {
    const k = this.rng.below(14);
    const rd = this.rdNum();
    const rdOk = rd !== 0;
    const c = this.rdc();
    const nz6 = () => this.rng.pick([-32, -1, 1, 31, this.rng.range(1, 31), -this.rng.range(1, 32)]);
    switch (k) {
      case 0: if (rdOk) this.emit(`c.addi x${rd}, ${nz6()}`); break;
      case 1: if (rdOk) this.emit(`c.li x${rd}, ${this.rng.range(-32, 31)}`); break;
      case 2: if (rdOk && rd !== 2) this.emit(`c.lui x${rd}, ${this.rng.chance(0.5) ? this.rng.range(1, 31) : this.rng.range(0xfffe0, 0xfffff)}`); break;
      case 3: if (rdOk) this.emit(`c.addiw x${rd}, ${this.rng.range(-32, 31)}`); break;
      case 4: if (rdOk) this.emit(`c.slli x${rd}, ${this.rng.range(1, 63)}`); break;
      case 5: if (c) this.emit(`${this.rng.pick(['c.srli', 'c.srai'])} ${c}, ${this.rng.range(1, 63)}`); break;
      case 6: if (c) this.emit(`c.andi ${c}, ${this.rng.range(-32, 31)}`); break;
      case 7: if (rdOk) this.emit(`c.mv x${rd}, x${this.rng.range(1, 31)}`); break;
      case 8: if (rdOk) this.emit(`c.add x${rd}, x${this.rng.range(1, 31)}`); break;
      case 9: if (c) this.emit(`${this.rng.pick(['c.sub', 'c.xor', 'c.or', 'c.and', 'c.subw', 'c.addw'])} ${c}, ${this.rsc()}`); break;
      case 10: if (c) this.emit(`${this.rng.chance(0.5) ? `c.ld ${c}, ${this.offset(8)}` : `c.lw ${c}, ${this.offset(4) & 124}`}(x${BASE})`); break;
      case 11: this.emit(`${this.rng.chance(0.5) ? `c.sd ${this.rsc()}, ${this.offset(8)}` : `c.sw ${this.rsc()}, ${this.offset(4) & 124}`}(x${BASE})`); break;
      case 12: this.emit(`${this.rng.pick(['c.fld', 'c.fsd'])} ${this.frc()}, ${this.offset(8)}(x${BASE})`); break;
      default:
        if (c && this.rng.chance(0.5)) this.emit(`c.addi4spn ${c}, sp, ${4 * this.rng.range(1, 255)}`);
        else if (!this.reserved.has(2)) this.emit(`c.addi16sp sp, ${16 * this.rng.pick([-32, -1, 1, 31, this.rng.range(1, 31)])}`);
    }
  }

  straight() {
    this.rng.weighted<() => void>([
      [20, () => this.aluR()],
      [16, () => this.aluI()],
      [10, () => this.mul()],
      [3, () => this.divEdge()],
      [14, () => this.bitmanip()],
      [6, () => this.load()],
      [6, () => this.store()],
      [3, () => this.fpLoadStore()],
      [1, () => this.misaligned()],
      [4, () => this.amo()],
      [2, () => this.lrsc()],
      [12, () => this.fpArith()],
      [6, () => this.fpConvert()],
      [4, () => this.fpCompare()],
      [4, () => this.fpMove()],
      [2, () => this.fcsr()],
      [7, () => this.compressed()],
    ])();
  }

  // ---- control flow ------------------------------------------------------
  forwardBranch() {
    const skip = this.label();
    const k = this.rng.below(8);
    if (k < 6) {
      const op = this.rng.pick(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']);
      this.emit(`${op} ${this.rs()}, ${this.rs()}, ${skip}`);
    } else {
      // x8..x15 against zero: GNU compresses these to c.beqz / c.bnez
      this.emit(`${this.rng.pick(['beqz', 'bnez'])} ${this.rsc()}, ${skip}`);
    }
    for (let n = this.rng.range(1, 4); n > 0; n--) this.straight();
    this.place(skip);
  }
  jump() {
    const to = this.label();
    if (this.rng.chance(0.6)) {
      this.emit(`jal ${this.rd()}, ${to}`);
    } else {
      const t = this.tmp();
      this.emit(`la x${t}, ${to}`);
      this.emit(`jalr ${this.rd()}, 0(x${t})`);
    }
    for (let n = this.rng.range(0, 3); n > 0; n--) this.straight();
    this.place(to);
  }
  loop() {
    const cnt = this.tmp();
    this.emit(`li x${cnt}, ${this.rng.range(1, 6)}`);
    const top = this.label();
    this.place(top);
    this.reserved.add(cnt);
    for (let n = this.rng.range(2, 6); n > 0; n--) {
      if (this.rng.chance(0.15)) this.forwardBranch();
      else this.straight();
    }
    this.reserved.delete(cnt);
    this.emit(`addi x${cnt}, x${cnt}, -1`);
    this.emit(`bnez x${cnt}, ${top}`);
  }

  op() {
    this.rng.weighted<() => void>([
      [100, () => this.straight()],
      [6, () => this.forwardBranch()],
      [2, () => this.jump()],
      [2, () => this.loop()],
    ])();
  }
}

// ---- initial values --------------------------------------------------------

function intValue(rng: Rng): bigint {
  return rng.weighted<() => bigint>([
    [3, () => rng.u64()],
    [2, () => BigInt.asIntN(32, BigInt(rng.u32()))],
    [2, () => BigInt(rng.range(-100, 100))],
    [3, () => rng.pick([0n, 1n, -1n, 2n, I64_MIN, -I64_MIN - 1n, 0x80000000n, -0x80000000n, 0x7fffffffn, 0xffffffffn,
      0x1_0000_0000n, 0xffn, 0x8000n, 31n, 32n, 63n, 64n, 0x8080808080808080n, 0x0101010101010101n])],
  ])();
}

const SINGLES = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc00001, 1,
  0x807fffff, 0x7f7fffff, 0x00800000, 0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x4f800000, 0x3effffff];
const DOUBLES = [0n, 1n << 63n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0x7ff4000000000000n, 0xfff8000000000001n, 1n, 0x000fffffffffffffn, 0x7fefffffffffffffn,
  0x0010000000000000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x41e0000000000000n,
  0xc1e0000000000000n, 0x41dfffffffc00000n, 0x3fe0000000000000n, 0x4330000000000000n];

function fpValue(rng: Rng): bigint {
  const boxed = (s: number) => 0xffffffff00000000n | BigInt(s >>> 0);
  return rng.weighted<() => bigint>([
    // ordinary singles and doubles near 1.0, so arithmetic stays in range
    [4, () => boxed(((rng.below(2) << 31) | ((127 + rng.range(-30, 30)) << 23) | rng.below(1 << 23)) >>> 0)],
    [4, () => (BigInt(rng.below(2)) << 63n) | (BigInt(1023 + rng.range(-60, 60)) << 52n) | (rng.u64() & 0xfffffffffffffn)],
    [2, () => boxed(rng.pick(SINGLES))],
    [2, () => rng.pick(DOUBLES)],
    [1, () => boxed(rng.u32())],
    [1, () => rng.u64()],
    // integers that convert exactly, and a single that is not NaN-boxed
    [1, () => boxed(((0x4b000000 + rng.below(1 << 20)) | (rng.below(2) << 31)) >>> 0)],
    [1, () => BigInt(rng.u32())],
  ])();
}

/**
 * Generates one program body (text and data sections) from its seed. The
 * random operations come last from their own stream, so the program with
 * `ops: k` is exactly the first k operations of any longer one: a mismatch
 * can be bisected to the operation that introduced it.
 */
export function generateProgram(seed: number, opts: GenOptions = {}): GeneratedProgram {
  const rng = new Rng(seed);
  const dataRng = new Rng(mixSeed(seed, 0xda7a));
  const tag = `s${(seed >>> 0).toString(16).padStart(8, '0')}`;
  const header = `#P ${(seed >>> 0).toString(16).padStart(8, '0')}`;
  const g = new BodyGen(rng, tag);
  const ops = opts.ops ?? 120;

  g.emit(`la a0, hdr_${tag}`);
  g.emit('call hs_puts');
  g.emit(`li t0, ${(dataRng.range(0, 4) << 5) | dataRng.range(0, 31)}`);
  g.emit('fscsr t0');
  g.emit(`la t0, fpinit_${tag}`);
  for (let i = 0; i < 32; i++) g.emit(`fld f${i}, ${i * 8}(t0)`);
  for (let r = 1; r < 32; r++) {
    if (r === BASE) g.emit(`la x${BASE}, scratch_${tag}`);
    else g.emit(`li x${r}, ${imm64(intValue(dataRng))}`);
  }
  const scratch = Array.from({ length: SCRATCH_BYTES / 8 }, () => hex64(dataRng.chance(0.3) ? intValue(dataRng) : dataRng.u64()));
  const fpinit = Array.from({ length: 32 }, () => hex64(fpValue(dataRng)));
  const opTexts: string[] = [];
  for (let i = 0; i < ops; i++) {
    const mark = g.mark();
    g.op();
    opTexts.push(g.since(mark));
  }
  g.emit(`HS_DUMP scratch_${tag}, ${SCRATCH_BYTES}`);

  const data = [
    '        .data',
    '        .balign 8',
    `scratch_${tag}:`,
    ...chunk(scratch, 4).map((c) => `        .dword ${c.join(', ')}`),
    `fpinit_${tag}:`,
    ...chunk(fpinit, 4).map((c) => `        .dword ${c.join(', ')}`),
    '        .section .rodata',
    `hdr_${tag}: .asciz "${header}\\n"`,
    '        .text',
  ].join('\n') + '\n';
  return { seed, tag, header, text: `# program seed 0x${(seed >>> 0).toString(16)}\n` + g.text(), data, ops: opTexts };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A complete assembly file that runs the programs one after another and
 * exits through the test finisher. Assemble with `-I test/gen`. */
export function programFile(programs: GeneratedProgram[]): string {
  const parts = [
    '# Generated by test/gen/random-program.ts: random RV64GC+B programs, each dumping its state.',
    '        .include "hs-runtime.s"',
    '        .text',
    '        .globl _start',
    '_start:',
    '        HS_INIT',
  ];
  for (const p of programs) parts.push(p.text, p.data);
  parts.push('        j hs_exit', '');
  return parts.join('\n');
}

/** The architectural -march string the generated programs need. */
export const MARCH = 'rv64gc_zba_zbb_zbc_zbs';
