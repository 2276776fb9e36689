/** Exception and interrupt cause codes of the RISC-V privileged specification. */
export const enum Cause {
  InsnMisaligned = 0,
  InsnAccessFault = 1,
  IllegalInsn = 2,
  Breakpoint = 3,
  LoadMisaligned = 4,
  LoadAccessFault = 5,
  StoreMisaligned = 6,
  StoreAccessFault = 7,
  EcallU = 8,
  EcallS = 9,
  EcallVS = 10,
  EcallM = 11,
  InsnPageFault = 12,
  LoadPageFault = 13,
  StorePageFault = 15,
  InsnGuestPageFault = 20,
  LoadGuestPageFault = 21,
  VirtualInsn = 22,
  StoreGuestPageFault = 23,
}

export const enum Irq {
  SSI = 1,
  VSSI = 2,
  MSI = 3,
  STI = 5,
  VSTI = 6,
  MTI = 7,
  SEI = 9,
  VSEI = 10,
  MEI = 11,
  SGEI = 12,
}

const EXCEPTION_NAMES: Record<number, string> = {
  0: 'instruction address misaligned',
  1: 'instruction access fault',
  2: 'illegal instruction',
  3: 'breakpoint',
  4: 'load address misaligned',
  5: 'load access fault',
  6: 'store/AMO address misaligned',
  7: 'store/AMO access fault',
  8: 'environment call from U-mode',
  9: 'environment call from S-mode',
  10: 'environment call from VS-mode',
  11: 'environment call from M-mode',
  12: 'instruction page fault',
  13: 'load page fault',
  15: 'store/AMO page fault',
  20: 'instruction guest-page fault',
  21: 'load guest-page fault',
  22: 'virtual instruction',
  23: 'store/AMO guest-page fault',
};

const INTERRUPT_NAMES: Record<number, string> = {
  1: 'supervisor software interrupt',
  2: 'virtual supervisor software interrupt',
  3: 'machine software interrupt',
  5: 'supervisor timer interrupt',
  6: 'virtual supervisor timer interrupt',
  7: 'machine timer interrupt',
  9: 'supervisor external interrupt',
  10: 'virtual supervisor external interrupt',
  11: 'machine external interrupt',
  12: 'supervisor guest external interrupt',
};

export function causeName(code: number, interrupt: boolean): string {
  return (interrupt ? INTERRUPT_NAMES[code] : EXCEPTION_NAMES[code]) ?? `${interrupt ? 'interrupt' : 'exception'} ${code}`;
}
