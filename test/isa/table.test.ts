/**
 * Self-consistency of the instruction table, operand kinds, decoder
 * normalisation, registers, CSRs and the sensitivity classifier.
 */
import * as assert from 'assert';
import { INSNS, lookupMnemonic, PSEUDOS } from '../../engine/isa/table';
import { OPERANDS, OPERAND_KINDS, parseSyntax } from '../../engine/isa/operands';
import { decode, execNames, insnLength } from '../../engine/isa/decode';
import { encodeInsn, checkOperands } from '../../engine/isa/encode';
import { parseXReg, parseFReg, xRegName, fRegName, registerInfo } from '../../engine/isa/registers';
import { csrByName, csrByNumber, CSRS } from '../../engine/isa/csrs';
import { classify, csrAccessKind } from '../../engine/isa/sensitivity';
import { rng, randomWords } from './gen';

/** The semantics the CPU implements, by exec name: base RV64GC + Zb* + H + privileged. */
const CPU_EXECS = new Set(
  (
    'lui auipc jal jalr beq bne blt bge bltu bgeu lb lh lw ld lbu lhu lwu sb sh sw sd addi slti sltiu xori ori andi slli srli srai ' +
    'add sub sll slt sltu xor srl sra or and addiw slliw srliw sraiw addw subw sllw srlw sraw fence fence.i ecall ebreak ' +
    'mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw ' +
    'lr.w sc.w amoswap.w amoadd.w amoxor.w amoand.w amoor.w amomin.w amomax.w amominu.w amomaxu.w ' +
    'lr.d sc.d amoswap.d amoadd.d amoxor.d amoand.d amoor.d amomin.d amomax.d amominu.d amomaxu.d ' +
    'csrrw csrrs csrrc csrrwi csrrsi csrrci mret sret wfi sfence.vma hfence.vvma hfence.gvma ' +
    'hlv.b hlv.bu hlv.h hlv.hu hlv.w hlv.wu hlv.d hlvx.hu hlvx.wu hsv.b hsv.h hsv.w hsv.d ' +
    'flw fsw fmadd.s fmsub.s fnmsub.s fnmadd.s fadd.s fsub.s fmul.s fdiv.s fsqrt.s fsgnj.s fsgnjn.s fsgnjx.s fmin.s fmax.s ' +
    'fcvt.w.s fcvt.wu.s fmv.x.w feq.s flt.s fle.s fclass.s fcvt.s.w fcvt.s.wu fmv.w.x fcvt.l.s fcvt.lu.s fcvt.s.l fcvt.s.lu ' +
    'fld fsd fmadd.d fmsub.d fnmsub.d fnmadd.d fadd.d fsub.d fmul.d fdiv.d fsqrt.d fsgnj.d fsgnjn.d fsgnjx.d fmin.d fmax.d ' +
    'fcvt.s.d fcvt.d.s feq.d flt.d fle.d fclass.d fcvt.w.d fcvt.wu.d fcvt.d.w fcvt.d.wu fcvt.l.d fcvt.lu.d fmv.x.d fcvt.d.l fcvt.d.lu fmv.d.x ' +
    'sh1add sh2add sh3add add.uw sh1add.uw sh2add.uw sh3add.uw slli.uw andn orn xnor clz clzw ctz ctzw cpop cpopw max maxu min minu ' +
    'sext.b sext.h zext.h rol rolw ror rori roriw rorw orc.b rev8 clmul clmulh clmulr bclr bclri bext bexti binv binvi bset bseti'
  ).split(' '),
);

/** Non-alias entries that intentionally accept the same words as an earlier
 * one (old names and hints kept for the assembler, as in binutils). */
const SHARED = [
  ['ecall', 'scall'], ['fmv.x.w', 'fmv.x.s'], ['fmv.w.x', 'fmv.s.x'], ['unimp', 'csrrw'], ['pause', 'fence'],
  // same instruction, two ways of writing the offset
  ['jalr', 'jalr'],
  // comparisons written with swapped operands (decode and objdump pick flt/fle)
  ['flt.s', 'fgt.s'], ['fle.s', 'fge.s'], ['flt.d', 'fgt.d'], ['fle.d', 'fge.d'],
];

describe('isa table', () => {
  it('every entry has a summary, a parsable syntax and a consistent match/mask', () => {
    for (const s of INSNS) {
      assert.ok(s.summary.trim().length > 0, s.name);
      assert.doesNotThrow(() => parseSyntax(s.syntax), s.name);
      assert.strictEqual((s.match & ~s.mask) >>> 0, 0, `${s.name}: match bits outside mask`);
      assert.strictEqual(s.len === 2 ? (s.match & 3) !== 3 : (s.match & 3) === 3, true, `${s.name}: length`);
      const p = parseSyntax(s.syntax);
      assert.strictEqual(new Set(p.kinds.filter((k) => OPERANDS[k].fixed === undefined)).size,
        p.kinds.filter((k) => OPERANDS[k].fixed === undefined).length, `${s.name}: duplicate operand kind`);
      // operand fields and fixed bits must not overlap
      for (const k of p.kinds) {
        const o = OPERANDS[k];
        if (o.fixed !== undefined || o.sameAs) continue;
        const bits = o.encode(o.min) | o.encode(o.max) | o.encode(o.min + o.align) | o.encode(o.max - o.align);
        assert.strictEqual((bits & s.mask) >>> 0, 0, `${s.name}: operand ${k} overlaps fixed bits`);
      }
    }
  });

  it('every non-alias entry decodes to an exec name the CPU implements', () => {
    const names = execNames();
    for (const n of names) assert.ok(CPU_EXECS.has(n), `unknown exec ${n}`);
    const next = rng(7);
    for (const s of INSNS) {
      if (s.alias || s.name === 'c.unimp') continue;
      for (const w of randomWords(s, 20, next)) {
        const d = decode(w);
        if (!d) continue; // reserved forms (checked separately)
        assert.ok(CPU_EXECS.has(d.exec), `${s.name} → ${d.exec}`);
      }
    }
  });

  it('no two non-alias entries of one length accept the same word, except documented ones', () => {
    const next = rng(99);
    const reals = INSNS.filter((s) => !s.alias);
    const shared = new Set(SHARED.map((p) => p.join('|')));
    for (let i = 0; i < reals.length; i++) {
      for (let j = i + 1; j < reals.length; j++) {
        const a = reals[i];
        const b = reals[j];
        if (a.len !== b.len || ((a.match ^ b.match) & a.mask & b.mask) !== 0) continue;
        const both = { ...a, match: (a.match | b.match) >>> 0, mask: (a.mask | b.mask) >>> 0, constraint: undefined };
        const clash = randomWords(both, 64, next).some((w) => (!a.constraint || a.constraint(w)) && (!b.constraint || b.constraint(w)));
        if (clash) assert.ok(shared.has(`${a.name}|${b.name}`), `${a.name} and ${b.name} both accept a word`);
      }
    }
  });

  it('lookupMnemonic returns entries in table order', () => {
    const addi = lookupMnemonic('addi');
    assert.ok(addi.length >= 2);
    assert.strictEqual(addi[addi.length - 1].syntax, 'rd,rs1,imm12');
    assert.strictEqual(addi[0].len, 2);
    assert.deepStrictEqual(lookupMnemonic('ADDI'), addi);
    assert.deepStrictEqual(lookupMnemonic('nosuch'), []);
    assert.strictEqual(lookupMnemonic('sfence.vma').length, 3);
    for (const n of ['lr.w.aq', 'amoadd.d.aqrl', 'c.fsdsp', 'fcvt.lu.d', 'hlvx.wu', 'pause', 'zext.w', 'rdtime', 'frflags', 'fsrmi']) {
      assert.ok(lookupMnemonic(n).length > 0, n);
    }
    assert.ok(PSEUDOS.some((p) => p.name === 'la') && PSEUDOS.every((p) => p.summary));
  });
});

describe('isa operands', () => {
  it('every kind round-trips its boundary values', () => {
    for (const k of OPERAND_KINDS) {
      const o = OPERANDS[k];
      if (o.fixed !== undefined || o.sameAs) continue;
      const vals = new Set([o.min, o.max, o.min + o.align, o.max - o.align]);
      if (o.min <= 0 && o.max >= 0 && !o.nonzero) vals.add(0);
      for (const v of vals) {
        if (o.check(v) !== undefined) continue; // e.g. c_lui's gap, reserved rm
        assert.strictEqual(o.decode(o.encode(v)), v, `${k} ${v}`);
      }
      assert.ok(o.check(o.min) === undefined || k === 'c_lui' || k === 'rm', `${k} min ok`);
      assert.ok(o.check(o.max + o.align) !== undefined, `${k} max+1 rejected`);
      assert.ok(o.check(o.min - o.align) !== undefined, `${k} min-1 rejected`);
      if (o.align > 1) assert.match(o.check(o.min + 1) ?? '', /multiple of/, k);
    }
    assert.strictEqual(OPERANDS.imm12.check(5000), 'immediate 5000 out of range -2048..2047');
    assert.match(OPERANDS.c_rdp.check(5) ?? '', /x8\.\.x15/);
    assert.strictEqual(OPERANDS.c_lui.check(0x20) !== undefined, true);
    assert.strictEqual(OPERANDS.c_lui.check(0xfffe0), undefined);
    assert.strictEqual(OPERANDS.rm.check(5) !== undefined, true);
    assert.strictEqual(OPERANDS.bimm.pcRelative, true);
    assert.strictEqual(OPERANDS.fs3.regFile, 'f');
    assert.strictEqual(OPERANDS.rm.optionalDefault, 7);
  });

  it('encodeInsn and checkOperands', () => {
    const [addi] = lookupMnemonic('addi').filter((s) => s.len === 4);
    assert.strictEqual(encodeInsn(addi, { rd: 10, rs1: 10, imm12: -1 }), 0xfff50513);
    const [cAddi] = lookupMnemonic('c.addi');
    assert.strictEqual(encodeInsn(cAddi, { c_rd: 10, c_imm6: 1 }), 0x0505);
    const [jal] = lookupMnemonic('jal').filter((s) => s.syntax === 'rd,jimm');
    assert.strictEqual(encodeInsn(jal, { rd: 1, jimm: 16 }), 0x010000ef);
    const fadd = lookupMnemonic('fadd.d')[0];
    assert.strictEqual(encodeInsn(fadd, { fd: 10, fs1: 10, fs2: 11 }), 0x02b57553); // rm defaults to dyn
    assert.strictEqual(checkOperands(addi, { rd: 1, rs1: 2, imm12: 4096 }), 'immediate 4096 out of range -2048..2047');
    const cAnd = lookupMnemonic('and').find((s) => s.syntax === 'c_rs1p,c_rs1p_same,c_rs2p')!;
    assert.ok(checkOperands(cAnd, { c_rs1p: 8, c_rs1p_same: 9, c_rs2p: 10 }));
    assert.strictEqual(checkOperands(cAnd, { c_rs1p: 8, c_rs1p_same: 8, c_rs2p: 10 }), undefined);
    const cLw = lookupMnemonic('c.lwsp')[0];
    assert.ok(checkOperands(cLw, { c_rd: 0, c_lwsp: 4 }), 'c.lwsp x0 is reserved');
  });
});

describe('isa decode', () => {
  const d = (w: number) => {
    const r = decode(w);
    assert.ok(r, `decodes ${w.toString(16)}`);
    return { exec: r.exec, rd: r.rd, rs1: r.rs1, rs2: r.rs2, imm: r.imm, flags: r.flags, len: r.len };
  };
  it('normalises compressed instructions to their base form', () => {
    assert.deepStrictEqual(d(0x6105), { exec: 'addi', rd: 2, rs1: 2, rs2: 0, imm: 32, flags: 0, len: 2 }); // c.addi16sp sp,32
    assert.deepStrictEqual(d(0xa001), { exec: 'jal', rd: 0, rs1: 0, rs2: 0, imm: 0, flags: 0, len: 2 }); // c.j .
    assert.deepStrictEqual(d(0x8082), { exec: 'jalr', rd: 0, rs1: 1, rs2: 0, imm: 0, flags: 0, len: 2 }); // ret
    assert.deepStrictEqual(d(0x9502), { exec: 'jalr', rd: 1, rs1: 10, rs2: 0, imm: 0, flags: 0, len: 2 }); // c.jalr a0
    assert.deepStrictEqual(d(0x852e), { exec: 'add', rd: 10, rs1: 0, rs2: 11, imm: 0, flags: 0, len: 2 }); // c.mv a0,a1
    assert.deepStrictEqual(d(0x7579), { exec: 'lui', rd: 10, rs1: 0, rs2: 0, imm: -8192, flags: 0, len: 2 }); // c.lui a0,0xffffe
    assert.deepStrictEqual(d(0x9002), { exec: 'ebreak', rd: 0, rs1: 0, rs2: 0, imm: 0, flags: 0, len: 2 });
    assert.deepStrictEqual(d(0x8d05), { exec: 'sub', rd: 10, rs1: 10, rs2: 9, imm: 0, flags: 0, len: 2 }); // c.sub a0,s1
    assert.deepStrictEqual(d(0x0048), { exec: 'addi', rd: 10, rs1: 2, rs2: 0, imm: 4, flags: 0, len: 2 }); // c.addi4spn a0,sp,4
    assert.deepStrictEqual(d(0x6522), { exec: 'ld', rd: 10, rs1: 2, rs2: 0, imm: 8, flags: 0, len: 2 }); // c.ldsp a0,8(sp)
    assert.deepStrictEqual(d(0xe42a), { exec: 'sd', rd: 0, rs1: 2, rs2: 10, imm: 8, flags: 0, len: 2 }); // c.sdsp a0,8(sp)
    assert.deepStrictEqual(d(0xc111), { exec: 'beq', rd: 0, rs1: 10, rs2: 0, imm: 4, flags: 0, len: 2 }); // c.beqz a0,+4
  });
  it('rejects reserved encodings', () => {
    // c.unimp, c.addi16sp sp,0, c.lui a0,0, c.lwsp x0, c.ldsp x0, c.jr x0, c.addiw x0, unknown 32-bit words
    for (const w of [0x0000, 0x6101, 0x6501, 0x4002, 0x6002, 0x8002, 0x2001, 0xffffffff, 0x0000200b]) {
      assert.strictEqual(decode(w), undefined, w.toString(16));
    }
  });
  it('AMO ordering, fences and lengths', () => {
    assert.deepStrictEqual(d(0x06a5b52f), { exec: 'amoadd.d', rd: 10, rs1: 11, rs2: 10, imm: 0, flags: 3, len: 4 });
    assert.strictEqual(decode(0x0100000f)!.exec, 'fence');
    assert.strictEqual(decode(0x0100000f)!.flags, 0x10);
    assert.strictEqual(decode(0x8330000f)!.flags, 0x33);
    assert.strictEqual(decode(0x80000537)!.imm, -0x80000000);
    assert.strictEqual(insnLength(0x0505), 2);
    assert.strictEqual(insnLength(0x0513), 4);
  });
});

describe('isa registers and CSRs', () => {
  it('parses and names registers', () => {
    assert.strictEqual(parseXReg('fp'), 8);
    assert.strictEqual(parseXReg('s0'), 8);
    assert.strictEqual(parseXReg('x31'), 31);
    assert.strictEqual(parseXReg('x32'), undefined);
    assert.strictEqual(parseFReg('fa0'), 10);
    assert.strictEqual(parseFReg('a0'), undefined);
    assert.strictEqual(xRegName(2), 'sp');
    assert.strictEqual(xRegName(2, false), 'x2');
    assert.strictEqual(fRegName(8), 'fs0');
    assert.strictEqual(registerInfo('s1')?.savedBy, 'callee');
    assert.strictEqual(registerInfo('t0')?.savedBy, 'caller');
  });
  it('CSR table', () => {
    assert.strictEqual(csrByName('mstatus')?.num, 0x300);
    assert.strictEqual(csrByName('vsatp')?.priv, 'VS');
    assert.strictEqual(csrByName('hgatp')?.priv, 'H');
    assert.strictEqual(csrByNumber(0xc01)?.readOnly, true);
    assert.strictEqual(csrByName('pmpaddr63')?.num, 0x3ef);
    assert.ok(csrByName('mstatus')?.fields?.some((f) => f.name === 'MPP' && f.hi === 12 && f.lo === 11));
    assert.ok(csrByName('hstatus')?.fields?.some((f) => f.name === 'SPV'));
    for (const n of ['stimecmp', 'vstimecmp', 'menvcfg', 'senvcfg', 'henvcfg', 'mconfigptr', 'mseccfg', 'tselect', 'dcsr', 'dscratch1', 'mhpmcounter31', 'mhpmevent3']) {
      assert.ok(csrByName(n), n);
    }
    assert.strictEqual(new Set(CSRS.map((c) => c.name)).size, CSRS.length);
  });
  it('classifies sensitivity', () => {
    const u = { priv: 'U' as const, virt: false };
    const s = { priv: 'S' as const, virt: false };
    const vs = { priv: 'S' as const, virt: true };
    const m = { priv: 'M' as const, virt: false };
    assert.strictEqual(classify(decode(0x30200073)!, s).kind, 'privileged'); // mret in S
    assert.strictEqual(classify(decode(0x00000013)!, u).kind, 'unprivileged');
    assert.strictEqual(classify(decode(0xc0102573)!, u).kind, 'sensitive'); // rdtime
    assert.strictEqual(classify(decode(0x10002573)!, vs).kind, 'sensitive'); // csrr sstatus in VS
    assert.strictEqual(csrAccessKind(0x600, false, vs).result, 'virtual');
    assert.strictEqual(csrAccessKind(0x300, false, s).result, 'illegal');
    assert.strictEqual(csrAccessKind(0x300, true, m).result, 'ok');
    assert.strictEqual(csrAccessKind(0xc00, true, m).result, 'illegal'); // read-only
    assert.strictEqual(classify(decode(0x6005c573)!, vs).kind, 'privileged'); // hlv.b in VS
  });
});
