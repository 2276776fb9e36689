/**
 * Register and CSR names as the assembler accepts them. CSR numbers come
 * from the privileged specification; the list covers the user, supervisor,
 * hypervisor, machine and debug CSRs a guest program writes by name.
 */

const XABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const FABI = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5', 'fa6', 'fa7',
  'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];

const X = new Map<string, number>();
const F = new Map<string, number>();
for (let i = 0; i < 32; i++) {
  X.set(`x${i}`, i);
  X.set(XABI[i], i);
  F.set(`f${i}`, i);
  F.set(FABI[i], i);
}
X.set('fp', 8);

export function xReg(name: string): number | undefined {
  return X.get(name);
}

export function fReg(name: string): number | undefined {
  return F.get(name);
}

export const X_NAMES: readonly string[] = XABI;

const CSRS: Record<string, number> = {
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02,
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a,
  sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  scontext: 0x5a8,
  hstatus: 0x600, hedeleg: 0x602, hideleg: 0x603, hie: 0x604, hcounteren: 0x606, hgeie: 0x607,
  htval: 0x643, hip: 0x644, hvip: 0x645, htinst: 0x64a, hgeip: 0xe12, henvcfg: 0x60a, hgatp: 0x680,
  hcontext: 0x6a8, htimedelta: 0x605,
  vsstatus: 0x200, vsie: 0x204, vstvec: 0x205, vsscratch: 0x240, vsepc: 0x241, vscause: 0x242, vstval: 0x243, vsip: 0x244, vsatp: 0x280,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306,
  menvcfg: 0x30a, mcountinhibit: 0x320,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344, mtinst: 0x34a, mtval2: 0x34b,
  mseccfg: 0x747,
  mcycle: 0xb00, minstret: 0xb02,
  tselect: 0x7a0, tdata1: 0x7a1, tdata2: 0x7a2, tdata3: 0x7a3, tinfo: 0x7a4, tcontrol: 0x7a5, mcontext: 0x7a8,
  dcsr: 0x7b0, dpc: 0x7b1, dscratch0: 0x7b2, dscratch1: 0x7b3, dscratch: 0x7b2,
  // legacy names GNU still accepts
  sbadaddr: 0x143, mbadaddr: 0x343, sptbr: 0x180, ubadaddr: 0x043,
  ustatus: 0x000, uie: 0x004, utvec: 0x005, uscratch: 0x040, uepc: 0x041, ucause: 0x042, utval: 0x043, uip: 0x044,
};
for (let i = 3; i < 32; i++) {
  CSRS[`hpmcounter${i}`] = 0xc00 + i;
  CSRS[`mhpmcounter${i}`] = 0xb00 + i;
  CSRS[`mhpmevent${i}`] = 0x320 + i;
}
for (let i = 0; i < 16; i++) CSRS[`pmpcfg${i}`] = 0x3a0 + i;
for (let i = 0; i < 64; i++) CSRS[`pmpaddr${i}`] = 0x3b0 + i;

export function csrNumber(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(CSRS, name) ? CSRS[name] : undefined;
}

export const CSR_NAMES: readonly string[] = Object.keys(CSRS);
