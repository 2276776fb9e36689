/**
 * The CSR table: number, name (as objdump prints it), privilege, access and
 * a description, plus named fields for the CSRs a hypervisor author reads
 * most. Privilege and read-only-ness follow the number's encoding: bits 9:8
 * give the lowest privilege allowed to access it (0 U, 1 S, 2 H/VS, 3 M) and
 * bits 11:10 == 3 mark it read-only.
 */
export type CsrPriv = 'U' | 'S' | 'H' | 'VS' | 'M' | 'D';

export interface CsrField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly meaning: string;
}

/** Versions of the privileged spec GNU binutils distinguishes (Tag_RISCV_priv_spec*, -mpriv-spec). */
export type PrivSpec = '1.9.1' | '1.10' | '1.11' | '1.12';
const PRIV_ORDER: readonly PrivSpec[] = ['1.9.1', '1.10', '1.11', '1.12'];

export interface CsrInfo {
  readonly num: number;
  readonly name: string;
  /**
   * Oldest privileged spec for which binutils 2.40 knows this name: objdump
   * prints it only when the ELF's priv-spec attributes say this version or
   * later (no attributes means 1.12), and prints the number otherwise. GNU as
   * 2.40 accepts every name in this table whatever -mpriv-spec says.
   */
  readonly gnuSince: PrivSpec;
  /** Lowest privilege that may access it ('D' = debug mode only, 'VS' = the
   * vs* CSRs: accessed by HS-mode, substituted for the s* CSRs in VS-mode). */
  readonly priv: CsrPriv;
  readonly readOnly: boolean;
  /** Only exists on RV32 (the upper halves of 64-bit registers). */
  readonly rv32Only: boolean;
  readonly description: string;
  readonly fields?: readonly CsrField[];
}

const F = (name: string, hi: number, lo: number, meaning: string): CsrField => ({ name, hi, lo, meaning });

const INTERRUPT_BITS = (p: 'm' | 's' | 'h', what: string): CsrField[] => {
  const all = [
    F('SSI', 1, 1, `supervisor software interrupt ${what}`),
    F('VSSI', 2, 2, `VS-level software interrupt ${what}`),
    F('MSI', 3, 3, `machine software interrupt ${what}`),
    F('STI', 5, 5, `supervisor timer interrupt ${what}`),
    F('VSTI', 6, 6, `VS-level timer interrupt ${what}`),
    F('MTI', 7, 7, `machine timer interrupt ${what}`),
    F('SEI', 9, 9, `supervisor external interrupt ${what}`),
    F('VSEI', 10, 10, `VS-level external interrupt ${what}`),
    F('MEI', 11, 11, `machine external interrupt ${what}`),
    F('SGEI', 12, 12, `supervisor guest external interrupt ${what}`),
  ];
  if (p === 'm') return all;
  if (p === 's') return all.filter((f) => ['SSI', 'STI', 'SEI'].includes(f.name));
  return all.filter((f) => ['VSSI', 'VSTI', 'VSEI', 'SGEI'].includes(f.name));
};

const SSTATUS_FIELDS: CsrField[] = [
  F('SIE', 1, 1, 'supervisor interrupts enabled'),
  F('SPIE', 5, 5, 'SIE before the last trap into S-mode'),
  F('UBE', 6, 6, 'U-mode data accesses are big-endian'),
  F('SPP', 8, 8, 'privilege before the last trap into S-mode (0 U, 1 S)'),
  F('VS', 10, 9, 'vector unit state (Off/Initial/Clean/Dirty)'),
  F('FS', 14, 13, 'FP unit state (0 Off, 1 Initial, 2 Clean, 3 Dirty); Off makes FP instructions illegal'),
  F('XS', 16, 15, 'summary of additional extension state'),
  F('SUM', 18, 18, 'S-mode may access U-mode pages'),
  F('MXR', 19, 19, 'loads from executable-only pages succeed'),
  F('UXL', 33, 32, 'U-mode XLEN (2 = 64-bit)'),
  F('SD', 63, 63, 'some state (FS/VS/XS) is dirty'),
];

const MSTATUS_FIELDS: CsrField[] = [
  F('SIE', 1, 1, 'supervisor interrupts enabled'),
  F('MIE', 3, 3, 'machine interrupts enabled'),
  F('SPIE', 5, 5, 'SIE before the last trap into S-mode'),
  F('UBE', 6, 6, 'U-mode data accesses are big-endian'),
  F('MPIE', 7, 7, 'MIE before the last trap into M-mode'),
  F('SPP', 8, 8, 'privilege before the last trap into S-mode (0 U, 1 S)'),
  F('VS', 10, 9, 'vector unit state'),
  F('MPP', 12, 11, 'privilege before the last trap into M-mode (0 U, 1 S, 3 M)'),
  F('FS', 14, 13, 'FP unit state (0 Off, 1 Initial, 2 Clean, 3 Dirty)'),
  F('XS', 16, 15, 'summary of additional extension state'),
  F('MPRV', 17, 17, 'loads/stores use the privilege in MPP'),
  F('SUM', 18, 18, 'S-mode may access U-mode pages'),
  F('MXR', 19, 19, 'loads from executable-only pages succeed'),
  F('TVM', 20, 20, 'trap satp accesses and sfence.vma in S-mode'),
  F('TW', 21, 21, 'trap wfi executed below M-mode'),
  F('TSR', 22, 22, 'trap sret in S-mode'),
  F('UXL', 33, 32, 'U-mode XLEN'),
  F('SXL', 35, 34, 'S-mode XLEN'),
  F('SBE', 36, 36, 'S-mode data accesses are big-endian'),
  F('MBE', 37, 37, 'M-mode data accesses are big-endian'),
  F('GVA', 38, 38, 'mtval holds a guest virtual address'),
  F('MPV', 39, 39, 'virtualization mode before the last trap into M-mode'),
  F('SD', 63, 63, 'some state (FS/VS/XS) is dirty'),
];

const TVEC_FIELDS: CsrField[] = [
  F('MODE', 1, 0, '0 Direct (all traps to BASE), 1 Vectored (interrupts to BASE + 4*cause)'),
  F('BASE', 63, 2, 'trap handler base address (4-byte aligned)'),
];
const CAUSE_FIELDS: CsrField[] = [
  F('Code', 62, 0, 'exception or interrupt code'),
  F('Interrupt', 63, 63, '1 if the trap was an interrupt'),
];
const ATP_FIELDS = (what: string): CsrField[] => [
  F('PPN', 43, 0, `physical page number of the root page table (${what})`),
  F('ASID', 59, 44, 'address-space identifier'),
  F('MODE', 63, 60, '0 Bare, 8 Sv39, 9 Sv48, 10 Sv57'),
];
const ENVCFG_FIELDS: CsrField[] = [
  F('FIOM', 0, 0, 'fence of I/O implies memory'),
  F('CBIE', 5, 4, 'cbo.inval behaviour'),
  F('CBCFE', 6, 6, 'cbo.clean/flush enabled'),
  F('CBZE', 7, 7, 'cbo.zero enabled'),
];
const COUNTEREN_FIELDS: CsrField[] = [
  F('CY', 0, 0, 'cycle readable by the next lower privilege'),
  F('TM', 1, 1, 'time readable by the next lower privilege'),
  F('IR', 2, 2, 'instret readable by the next lower privilege'),
  F('HPM', 31, 3, 'hpmcounter3..31 readable by the next lower privilege'),
];
const EXC_DELEG_FIELDS: CsrField[] = [
  F('IAM', 0, 0, 'instruction address misaligned'), F('IAF', 1, 1, 'instruction access fault'),
  F('II', 2, 2, 'illegal instruction'), F('BP', 3, 3, 'breakpoint'),
  F('LAM', 4, 4, 'load address misaligned'), F('LAF', 5, 5, 'load access fault'),
  F('SAM', 6, 6, 'store/AMO address misaligned'), F('SAF', 7, 7, 'store/AMO access fault'),
  F('ECU', 8, 8, 'ecall from U/VU-mode'), F('ECS', 9, 9, 'ecall from HS-mode'),
  F('ECVS', 10, 10, 'ecall from VS-mode'), F('ECM', 11, 11, 'ecall from M-mode'),
  F('IPF', 12, 12, 'instruction page fault'), F('LPF', 13, 13, 'load page fault'),
  F('SPF', 15, 15, 'store/AMO page fault'), F('IGPF', 20, 20, 'instruction guest-page fault'),
  F('LGPF', 21, 21, 'load guest-page fault'), F('VI', 22, 22, 'virtual instruction'),
  F('SGPF', 23, 23, 'store/AMO guest-page fault'),
];
const HSTATUS_FIELDS: CsrField[] = [
  F('VSBE', 5, 5, 'VS-mode data accesses are big-endian'),
  F('GVA', 6, 6, 'stval holds a guest virtual address'),
  F('SPV', 7, 7, 'virtualization mode before the last trap into HS-mode (sret returns to V=SPV)'),
  F('SPVP', 8, 8, 'privilege of the guest when trapped (used by hlv/hsv)'),
  F('HU', 9, 9, 'U-mode may execute hypervisor load/store instructions'),
  F('VGEIN', 17, 12, 'guest external interrupt number for VS-level external interrupts'),
  F('VTVM', 20, 20, 'virtual-instruction trap on VS satp/sfence.vma'),
  F('VTW', 21, 21, 'virtual-instruction trap on VS-mode wfi'),
  F('VTSR', 22, 22, 'virtual-instruction trap on VS-mode sret'),
  F('VSXL', 33, 32, 'VS-mode XLEN'),
];
const FCSR_FIELDS: CsrField[] = [
  F('NX', 0, 0, 'inexact'), F('UF', 1, 1, 'underflow'), F('OF', 2, 2, 'overflow'),
  F('DZ', 3, 3, 'divide by zero'), F('NV', 4, 4, 'invalid operation'),
  F('FRM', 7, 5, 'rounding mode: 0 rne, 1 rtz, 2 rdn, 3 rup, 4 rmm'),
];

/** name → [number, description, fields?] for the individually named CSRs. */
const NAMED: [number, string, string, CsrField[]?][] = [
  [0x001, 'fflags', 'Floating-point accrued exception flags', FCSR_FIELDS.slice(0, 5)],
  [0x002, 'frm', 'Floating-point dynamic rounding mode', [F('FRM', 2, 0, 'rounding mode: 0 rne, 1 rtz, 2 rdn, 3 rup, 4 rmm')]],
  [0x003, 'fcsr', 'Floating-point control and status (frm + fflags)', FCSR_FIELDS],
  [0x008, 'vstart', 'Vector start element index'],
  [0x009, 'vxsat', 'Vector fixed-point saturation flag'],
  [0x00a, 'vxrm', 'Vector fixed-point rounding mode'],
  [0x00f, 'vcsr', 'Vector control and status'],
  [0x015, 'seed', 'Entropy source (Zkr)'],
  [0x100, 'sstatus', 'Supervisor status (a restricted view of mstatus)', SSTATUS_FIELDS],
  [0x104, 'sie', 'Supervisor interrupt enable', INTERRUPT_BITS('s', 'enabled')],
  [0x105, 'stvec', 'Supervisor trap handler base address and mode', TVEC_FIELDS],
  [0x106, 'scounteren', 'Supervisor counter enable (for U-mode)', COUNTEREN_FIELDS],
  [0x10a, 'senvcfg', 'Supervisor environment configuration (for U-mode)', ENVCFG_FIELDS],
  [0x114, 'sieh', 'Upper 32 bits of sie (AIA, RV32)'],
  [0x140, 'sscratch', 'Supervisor scratch register'],
  [0x141, 'sepc', 'Supervisor exception program counter'],
  [0x142, 'scause', 'Supervisor trap cause', CAUSE_FIELDS],
  [0x143, 'stval', 'Supervisor trap value (bad address or instruction)'],
  [0x144, 'sip', 'Supervisor interrupt pending', INTERRUPT_BITS('s', 'pending')],
  [0x14d, 'stimecmp', 'Supervisor timer compare (Sstc)'],
  [0x150, 'siselect', 'Supervisor indirect register select (AIA)'],
  [0x151, 'sireg', 'Supervisor indirect register alias (AIA)'],
  [0x154, 'siph', 'Upper 32 bits of sip (AIA, RV32)'],
  [0x15c, 'stopei', 'Supervisor top external interrupt (AIA)'],
  [0x15d, 'stimecmph', 'Upper 32 bits of stimecmp (RV32)'],
  [0x180, 'satp', 'Supervisor address translation and protection', ATP_FIELDS('VS/S stage')],
  [0x200, 'vsstatus', 'Virtual supervisor status (replaces sstatus in VS-mode)', SSTATUS_FIELDS],
  [0x204, 'vsie', 'Virtual supervisor interrupt enable', INTERRUPT_BITS('s', 'enabled')],
  [0x205, 'vstvec', 'Virtual supervisor trap handler base address', TVEC_FIELDS],
  [0x214, 'vsieh', 'Upper 32 bits of vsie (AIA, RV32)'],
  [0x240, 'vsscratch', 'Virtual supervisor scratch register'],
  [0x241, 'vsepc', 'Virtual supervisor exception program counter'],
  [0x242, 'vscause', 'Virtual supervisor trap cause', CAUSE_FIELDS],
  [0x243, 'vstval', 'Virtual supervisor trap value'],
  [0x244, 'vsip', 'Virtual supervisor interrupt pending', INTERRUPT_BITS('s', 'pending')],
  [0x24d, 'vstimecmp', 'Virtual supervisor timer compare (Sstc)'],
  [0x250, 'vsiselect', 'Virtual supervisor indirect register select (AIA)'],
  [0x251, 'vsireg', 'Virtual supervisor indirect register alias (AIA)'],
  [0x254, 'vsiph', 'Upper 32 bits of vsip (AIA, RV32)'],
  [0x25c, 'vstopei', 'Virtual supervisor top external interrupt (AIA)'],
  [0x25d, 'vstimecmph', 'Upper 32 bits of vstimecmp (RV32)'],
  [0x280, 'vsatp', 'Virtual supervisor address translation (guest page table root)', ATP_FIELDS('guest VS stage')],
  [0x300, 'mstatus', 'Machine status', MSTATUS_FIELDS],
  [0x301, 'misa', 'ISA and extensions (MXL in the top bits, one bit per letter)', [F('Extensions', 25, 0, 'bit n set = extension letter n (A=0 ... Z=25)'), F('MXL', 63, 62, 'machine XLEN (2 = 64-bit)')]],
  [0x302, 'medeleg', 'Machine exception delegation to S-mode', EXC_DELEG_FIELDS],
  [0x303, 'mideleg', 'Machine interrupt delegation to S-mode', INTERRUPT_BITS('m', 'delegated')],
  [0x304, 'mie', 'Machine interrupt enable', INTERRUPT_BITS('m', 'enabled')],
  [0x305, 'mtvec', 'Machine trap handler base address and mode', TVEC_FIELDS],
  [0x306, 'mcounteren', 'Machine counter enable (for S-mode)', COUNTEREN_FIELDS],
  [0x308, 'mvien', 'Machine virtual interrupt enables (AIA)'],
  [0x309, 'mvip', 'Machine virtual interrupt pending bits (AIA)'],
  [0x30a, 'menvcfg', 'Machine environment configuration (for S-mode)', [...ENVCFG_FIELDS, F('PBMTE', 62, 62, 'Svpbmt enabled'), F('STCE', 63, 63, 'Sstc (stimecmp) enabled')]],
  [0x310, 'mstatush', 'Upper 32 bits of mstatus (RV32)'],
  [0x313, 'midelegh', 'Upper 32 bits of mideleg (AIA, RV32)'],
  [0x314, 'mieh', 'Upper 32 bits of mie (AIA, RV32)'],
  [0x318, 'mvienh', 'Upper 32 bits of mvien (AIA, RV32)'],
  [0x319, 'mviph', 'Upper 32 bits of mvip (AIA, RV32)'],
  [0x31a, 'menvcfgh', 'Upper 32 bits of menvcfg (RV32)'],
  [0x320, 'mcountinhibit', 'Machine counter inhibit', COUNTEREN_FIELDS.map((f) => ({ ...f, meaning: f.meaning.replace('readable by the next lower privilege', 'stops counting') }))],
  [0x340, 'mscratch', 'Machine scratch register'],
  [0x341, 'mepc', 'Machine exception program counter'],
  [0x342, 'mcause', 'Machine trap cause', CAUSE_FIELDS],
  [0x343, 'mtval', 'Machine trap value (bad address or instruction)'],
  [0x344, 'mip', 'Machine interrupt pending', INTERRUPT_BITS('m', 'pending')],
  [0x34a, 'mtinst', 'Machine trap instruction (transformed, for guest traps)'],
  [0x34b, 'mtval2', 'Machine second trap value (guest physical address >> 2)'],
  [0x350, 'miselect', 'Machine indirect register select (AIA)'],
  [0x351, 'mireg', 'Machine indirect register alias (AIA)'],
  [0x354, 'miph', 'Upper 32 bits of mip (AIA, RV32)'],
  [0x35c, 'mtopei', 'Machine top external interrupt (AIA)'],
  [0x5a8, 'scontext', 'Supervisor context (debug triggers)'],
  [0x600, 'hstatus', 'Hypervisor status', HSTATUS_FIELDS],
  [0x602, 'hedeleg', 'Hypervisor exception delegation to VS-mode', EXC_DELEG_FIELDS],
  [0x603, 'hideleg', 'Hypervisor interrupt delegation to VS-mode', INTERRUPT_BITS('h', 'delegated')],
  [0x604, 'hie', 'Hypervisor interrupt enable', INTERRUPT_BITS('h', 'enabled')],
  [0x605, 'htimedelta', 'Delta added to time for VS/VU-mode reads'],
  [0x606, 'hcounteren', 'Hypervisor counter enable (for VS/VU-mode)', COUNTEREN_FIELDS],
  [0x607, 'hgeie', 'Hypervisor guest external interrupt enable'],
  [0x608, 'hvien', 'Hypervisor virtual interrupt enables (AIA)'],
  [0x609, 'hvictl', 'Hypervisor virtual interrupt control (AIA)'],
  [0x60a, 'henvcfg', 'Hypervisor environment configuration (for VS-mode)', [...ENVCFG_FIELDS, F('PBMTE', 62, 62, 'Svpbmt enabled for VS-stage'), F('STCE', 63, 63, 'Sstc (vstimecmp) enabled')]],
  [0x613, 'hidelegh', 'Upper 32 bits of hideleg (AIA, RV32)'],
  [0x615, 'htimedeltah', 'Upper 32 bits of htimedelta (RV32)'],
  [0x618, 'hvienh', 'Upper 32 bits of hvien (AIA, RV32)'],
  [0x61a, 'henvcfgh', 'Upper 32 bits of henvcfg (RV32)'],
  [0x643, 'htval', 'Hypervisor trap value (guest physical address >> 2)'],
  [0x644, 'hip', 'Hypervisor interrupt pending', INTERRUPT_BITS('h', 'pending')],
  [0x645, 'hvip', 'Hypervisor virtual interrupt pending (inject VS interrupts)', INTERRUPT_BITS('h', 'injected').filter((f) => f.name !== 'SGEI')],
  [0x646, 'hviprio1', 'Hypervisor VS interrupt priorities 1 (AIA)'],
  [0x647, 'hviprio2', 'Hypervisor VS interrupt priorities 2 (AIA)'],
  [0x64a, 'htinst', 'Hypervisor trap instruction (transformed)'],
  [0x655, 'hviph', 'Upper 32 bits of hvip (AIA, RV32)'],
  [0x656, 'hviprio1h', 'Upper 32 bits of hviprio1 (AIA, RV32)'],
  [0x657, 'hviprio2h', 'Upper 32 bits of hviprio2 (AIA, RV32)'],
  [0x680, 'hgatp', 'Hypervisor guest address translation (G-stage root)', [F('PPN', 43, 0, 'physical page number of the G-stage root table (16 KiB aligned)'), F('VMID', 57, 44, 'virtual machine identifier'), F('MODE', 63, 60, '0 Bare, 8 Sv39x4, 9 Sv48x4, 10 Sv57x4')]],
  [0x6a8, 'hcontext', 'Hypervisor context (debug triggers)'],
  [0x747, 'mseccfg', 'Machine security configuration (ePMP)'],
  [0x757, 'mseccfgh', 'Upper 32 bits of mseccfg (RV32)'],
  [0x7a0, 'tselect', 'Debug trigger select'],
  [0x7a1, 'tdata1', 'Debug trigger data 1 (type and match control)'],
  [0x7a2, 'tdata2', 'Debug trigger data 2 (match value)'],
  [0x7a3, 'tdata3', 'Debug trigger data 3'],
  [0x7a4, 'tinfo', 'Debug trigger info (supported types)'],
  [0x7a5, 'tcontrol', 'Debug trigger control'],
  [0x7a8, 'mcontext', 'Machine context (debug triggers)'],
  [0x7aa, 'mscontext', 'Machine view of scontext (debug triggers)'],
  [0x7b0, 'dcsr', 'Debug control and status (debug mode only)'],
  [0x7b1, 'dpc', 'Debug program counter (debug mode only)'],
  [0x7b2, 'dscratch0', 'Debug scratch 0 (debug mode only)'],
  [0x7b3, 'dscratch1', 'Debug scratch 1 (debug mode only)'],
  [0xb00, 'mcycle', 'Machine cycle counter'],
  [0xb02, 'minstret', 'Machine retired-instruction counter'],
  [0xb80, 'mcycleh', 'Upper 32 bits of mcycle (RV32)'],
  [0xb82, 'minstreth', 'Upper 32 bits of minstret (RV32)'],
  [0xc00, 'cycle', 'Cycle counter (user read-only shadow of mcycle)'],
  [0xc01, 'time', 'Real-time counter (read-only shadow of the platform mtime)'],
  [0xc02, 'instret', 'Retired-instruction counter (read-only shadow of minstret)'],
  [0xc20, 'vl', 'Vector length'],
  [0xc21, 'vtype', 'Vector data type'],
  [0xc22, 'vlenb', 'Vector register length in bytes'],
  [0xc80, 'cycleh', 'Upper 32 bits of cycle (RV32)'],
  [0xc81, 'timeh', 'Upper 32 bits of time (RV32)'],
  [0xc82, 'instreth', 'Upper 32 bits of instret (RV32)'],
  [0xda0, 'scountovf', 'Supervisor counter overflow (Sscofpmf)'],
  [0xdb0, 'stopi', 'Supervisor top interrupt (AIA)'],
  [0xe12, 'hgeip', 'Hypervisor guest external interrupt pending'],
  [0xeb0, 'vstopi', 'Virtual supervisor top interrupt (AIA)'],
  [0xf11, 'mvendorid', 'Vendor ID'],
  [0xf12, 'marchid', 'Architecture ID'],
  [0xf13, 'mimpid', 'Implementation ID'],
  [0xf14, 'mhartid', 'Hardware thread ID'],
  [0xf15, 'mconfigptr', 'Pointer to the configuration data structure'],
  [0xfb0, 'mtopi', 'Machine top interrupt (AIA)'],
];

function families(): [number, string, string][] {
  const out: [number, string, string][] = [];
  for (let i = 0; i < 4; i++) {
    out.push([0x10c + i, `sstateen${i}`, `Supervisor state enable ${i} (Smstateen)`]);
    out.push([0x30c + i, `mstateen${i}`, `Machine state enable ${i} (Smstateen)`]);
    out.push([0x31c + i, `mstateen${i}h`, `Upper 32 bits of mstateen${i} (RV32)`]);
    out.push([0x60c + i, `hstateen${i}`, `Hypervisor state enable ${i} (Smstateen)`]);
    out.push([0x61c + i, `hstateen${i}h`, `Upper 32 bits of hstateen${i} (RV32)`]);
  }
  for (let i = 3; i < 32; i++) {
    out.push([0x320 + i, `mhpmevent${i}`, `Machine performance-monitoring event selector ${i}`]);
    out.push([0x720 + i, `mhpmevent${i}h`, `Upper 32 bits of mhpmevent${i} (Sscofpmf, RV32)`]);
    out.push([0xb00 + i, `mhpmcounter${i}`, `Machine performance-monitoring counter ${i}`]);
    out.push([0xb80 + i, `mhpmcounter${i}h`, `Upper 32 bits of mhpmcounter${i} (RV32)`]);
    out.push([0xc00 + i, `hpmcounter${i}`, `Performance-monitoring counter ${i} (read-only shadow)`]);
    out.push([0xc80 + i, `hpmcounter${i}h`, `Upper 32 bits of hpmcounter${i} (RV32)`]);
  }
  for (let i = 0; i < 16; i++) {
    out.push([0x3a0 + i, `pmpcfg${i}`, i % 2 ? `PMP configuration ${i} (RV32 only; RV64 uses even numbers)` : `PMP configuration for entries ${i * 4}..${i * 4 + 7}`]);
  }
  for (let i = 0; i < 64; i++) out.push([0x3b0 + i, `pmpaddr${i}`, `PMP address ${i} (physical address >> 2)`]);
  return out;
}

const RV32_ONLY = (name: string, num: number): boolean =>
  (/h$/.test(name) && !['mstatus', 'mcause'].includes(name) && (/^(.*[0-9]h|.*(cycle|time|instret|ie|ip|ipio\dh?|cfg|eleg|delta|status|vien|viprio\d|timecmp|stateen\d)h)$/.test(name))) ||
  (name.startsWith('pmpcfg') && (num & 1) === 1);

function privOf(num: number, name: string): CsrPriv {
  if (num >= 0x7b0 && num <= 0x7bf) return 'D';
  if (name.startsWith('vs')) return 'VS';
  return (['U', 'S', 'H', 'M'] as const)[(num >> 8) & 3];
}

/** Names binutils 2.40 prints only from a later privileged spec on (checked against objdump for every number). */
function gnuSinceOf(num: number, name: string): PrivSpec {
  if (/^pmpcfg([4-9]|1[0-5])$/.test(name) || (/^pmpaddr\d+$/.test(name) && num >= 0x3c0)) return '1.12';
  if (['senvcfg', 'menvcfg', 'menvcfgh', 'mstatush', 'mtinst', 'mtval2', 'mseccfg', 'mseccfgh', 'mconfigptr'].includes(name)) return '1.12';
  if (name === 'mcountinhibit') return '1.11';
  if (/^pmp(cfg|addr)\d+$/.test(name) || ['scounteren', 'mcounteren', 'stval', 'mtval', 'satp'].includes(name)) return '1.10';
  return '1.9.1';
}

/**
 * CSR names of older privileged specs that binutils 2.40 still knows (its
 * disassembler prints them for ELF files that declare such a spec, and its
 * assembler accepts them): [number, name, first spec, first spec without it].
 */
export const GNU_LEGACY_CSRS: readonly (readonly [number, string, PrivSpec, PrivSpec])[] = [
  [0x000, 'ustatus', '1.9.1', '1.12'], [0x004, 'uie', '1.9.1', '1.12'], [0x005, 'utvec', '1.9.1', '1.12'],
  [0x040, 'uscratch', '1.9.1', '1.12'], [0x041, 'uepc', '1.9.1', '1.12'], [0x042, 'ucause', '1.9.1', '1.12'],
  [0x043, 'ubadaddr', '1.9.1', '1.10'], [0x043, 'utval', '1.10', '1.12'], [0x044, 'uip', '1.9.1', '1.12'],
  [0x102, 'sedeleg', '1.9.1', '1.12'], [0x103, 'sideleg', '1.9.1', '1.12'],
  [0x143, 'sbadaddr', '1.9.1', '1.10'], [0x180, 'sptbr', '1.9.1', '1.10'], [0x343, 'mbadaddr', '1.9.1', '1.10'],
  [0x320, 'mucounteren', '1.9.1', '1.10'], [0x321, 'mscounteren', '1.9.1', '1.10'], [0x322, 'mhcounteren', '1.9.1', '1.10'],
  [0x380, 'mbase', '1.9.1', '1.10'], [0x381, 'mbound', '1.9.1', '1.10'], [0x382, 'mibase', '1.9.1', '1.10'],
  [0x383, 'mibound', '1.9.1', '1.10'], [0x384, 'mdbase', '1.9.1', '1.10'], [0x385, 'mdbound', '1.9.1', '1.10'],
];

function build(): CsrInfo[] {
  const list: CsrInfo[] = [];
  const add = (num: number, name: string, description: string, fields?: CsrField[]) =>
    list.push(Object.freeze({
      num, name, gnuSince: gnuSinceOf(num, name), priv: privOf(num, name), readOnly: (num >> 10) === 3, rv32Only: RV32_ONLY(name, num), description,
      ...(fields ? { fields: Object.freeze(fields) } : {}),
    }));
  for (const [num, name, d, f] of NAMED) add(num, name, d, f);
  for (const [num, name, d] of families()) add(num, name, d);
  list.sort((a, b) => a.num - b.num);
  return list;
}

export const CSRS: readonly CsrInfo[] = Object.freeze(build());

const BY_NAME = new Map(CSRS.map((c) => [c.name, c]));
const BY_NUM = new Map(CSRS.map((c) => [c.num, c]));

export function csrByName(name: string): CsrInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function csrByNumber(n: number): CsrInfo | undefined {
  return BY_NUM.get(n);
}

const atLeast = (spec: PrivSpec, since: PrivSpec) => PRIV_ORDER.indexOf(spec) >= PRIV_ORDER.indexOf(since);

/**
 * The name objdump 2.40 prints for CSR `n` in an ELF file declaring
 * privileged spec `spec` (1.12 when the file declares none), or undefined
 * when it prints the number.
 */
export function gnuCsrName(n: number, spec: PrivSpec = '1.12'): string | undefined {
  const c = BY_NUM.get(n);
  if (c && atLeast(spec, c.gnuSince)) return c.name;
  for (const [num, name, from, until] of GNU_LEGACY_CSRS) if (num === n && atLeast(spec, from) && !atLeast(spec, until)) return name;
  return undefined;
}

/** The spec binutils reads from Tag_RISCV_priv_spec / _minor / _revision; undefined when it knows no such version. */
export function privSpecFromNumbers(major: number, minor: number, revision: number): PrivSpec | undefined {
  const v = revision ? `${major}.${minor}.${revision}` : `${major}.${minor}`;
  return (PRIV_ORDER as readonly string[]).includes(v) ? (v as PrivSpec) : undefined;
}
