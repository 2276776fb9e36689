/**
 * The engine's built-in firmware: what OpenSBI does for a supervisor kernel,
 * done in TypeScript instead of M-mode code. It is the `native` baseline — the
 * guest kernel runs in real S-mode, unvirtualized, and the only thing not
 * executed as guest instructions is the firmware itself.
 *
 * At boot it configures the machine as OpenSBI 1.1 does on QEMU's virt board
 * (exception and interrupt delegation, counter access, a PMP entry opening
 * all memory to S/U) and enters the kernel in S-mode with a0 = hart id and
 * a1 = the device tree. Afterwards it sits on the CPU's machine-trap hook:
 * SBI calls (ecall from S) are answered by the shared SBI implementation, the
 * machine timer is handed to S-mode as STIP (OpenSBI's behaviour without
 * Sstc), software interrupts become SSIP, and anything else that reaches M
 * is a guest bug, reported as a halt with the trap's details.
 */
import { causeName, Irq } from '../cpu/causes';
import type { Hart } from '../cpu/hart';
import { PRIV_S } from '../cpu/hart';
import type { Machine } from '../machine/machine';
import { SBI_ERR_ALREADY_AVAILABLE, SBI_ERR_INVALID_PARAM, sbiCall, type SbiPlatform, HSM_STARTED, HSM_STOPPED } from './sbi';

/** OpenSBI 1.1's delegation on QEMU 7.2 `virt` (its boot banner prints these). */
export const FIRMWARE_MEDELEG = 0xf0b509n;
export const FIRMWARE_MIDELEG = 0x1666n;

const CAUSE_ECALL_S = 9;
const MIE_MTIE = 1 << Irq.MTI;
const MIP_STIP = 1 << Irq.STI;
const MIP_SSIP = 1 << Irq.SSI;
const M64 = (1n << 64n) - 1n;

export interface FirmwareEvent {
  hart: number;
  eid: number;
  fid: number;
  args: bigint[];
  error: bigint;
  value: bigint;
}

export class BuiltinFirmware {
  /** Observers of every SBI call (traces, the debugger's hypercall log). */
  onCall: ((e: FirmwareEvent) => void) | undefined;
  private readonly platform: SbiPlatform;

  constructor(private readonly m: Machine) {
    this.platform = this.makePlatform();
  }

  /** Puts every hart into S-mode at `entry` with the firmware's configuration. */
  boot(entry: number, fdtAddress: number): void {
    for (const h of this.m.harts) {
      const c = h.csr;
      c.write(0x302, FIRMWARE_MEDELEG, 3);
      c.write(0x303, FIRMWARE_MIDELEG, 3);
      c.write(0x306, 0xffffffffn, 3); // mcounteren: cycle, time, instret, hpm visible to S
      c.write(0x3b0, M64 >> 10n, 3); // pmpaddr0: all of memory, NAPOT
      c.write(0x3a0, 0x1fn, 3); // pmpcfg0: NAPOT, R W X
      c.machineHook = (cause, interrupt, tval, pc) => this.trap(h, cause, interrupt, tval, pc);
      h.priv = PRIV_S;
      h.pc = entry;
      h.setX(10, BigInt(h.hartId));
      h.setX(11, BigInt(fdtAddress));
      h.updateTranslation();
      h.checkInterrupts();
    }
  }

  private trap(h: Hart, cause: number, interrupt: boolean, tval: bigint, pc: number): number | undefined {
    const c = h.csr;
    if (!interrupt && cause === CAUSE_ECALL_S) {
      const args = [10, 11, 12, 13, 14, 15].map((r) => h.getX(r));
      const eid = Number(BigInt.asUintN(32, h.getX(17)));
      const fid = Number(BigInt.asUintN(32, h.getX(16)));
      const r = sbiCall(this.platform, { hart: h.hartId, eid, fid, args });
      if (r.legacy) h.setX(10, r.error);
      else {
        h.setX(10, r.error);
        h.setX(11, r.value);
      }
      this.onCall?.({ hart: h.hartId, eid, fid, args, error: r.error, value: r.value });
      return pc + 4;
    }
    if (interrupt && cause === Irq.MTI) {
      // Hand the timer to the supervisor until it programs the next one.
      c.mie &= ~MIE_MTIE;
      c.mipSoft |= MIP_STIP;
      h.checkInterrupts();
      return pc;
    }
    if (interrupt && cause === Irq.MSI) {
      this.m.clint.msip[h.hartId] = 0;
      c.lines &= ~(1 << Irq.MSI);
      c.mipSoft |= MIP_SSIP;
      h.checkInterrupts();
      return pc;
    }
    this.m.halt(
      `the guest took a trap the firmware does not handle: ${causeName(cause, interrupt)} (cause ${cause}) at pc 0x${BigInt.asUintN(64, BigInt(pc)).toString(16)}, tval 0x${tval.toString(16)}`,
    );
    return pc;
  }

  private makePlatform(): SbiPlatform {
    const m = this.m;
    const bus = m.bus;
    const out = new Int32Array(2);
    return {
      hartCount: m.harts.length,
      consoleWrite: (bytes) => {
        for (const b of bytes) m.uart?.write(0, 1, b);
      },
      consoleRead: () => {
        if (!m.uart || !m.uart.hasPendingInput()) return -1;
        m.uart.read(0, 1, out);
        return out[0] & 0xff;
      },
      readPhys: (addr, length) => {
        if (addr < 0n || addr > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
        const a = Number(addr);
        if (!bus.inRam(a, length)) return undefined;
        return bus.ram.slice(a - bus.ramBase, a - bus.ramBase + length);
      },
      writePhys: (addr, bytes) => {
        if (addr < 0n || addr > BigInt(Number.MAX_SAFE_INTEGER)) return false;
        return bytes.length === 0 || bus.loadBytes(Number(addr), bytes);
      },
      setTimer: (hart, time) => {
        const h = m.harts[hart];
        m.clint.mtimecmp[hart] = time >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(time);
        h.csr.mipSoft &= ~MIP_STIP;
        h.csr.mie |= MIE_MTIE;
        h.checkInterrupts();
      },
      sendIpi: (hart) => {
        const h = m.harts[hart];
        h.csr.mipSoft |= MIP_SSIP;
        h.waiting = false;
        h.checkInterrupts();
      },
      clearIpi: (hart) => {
        m.harts[hart].csr.mipSoft &= ~MIP_SSIP;
      },
      remoteFence: (hart, kind) => {
        const h = m.harts[hart];
        if (kind === 'fence.i') h.flushDecodeCache();
        else h.csr.mmu.flush();
      },
      hartStatus: (hart) => (hart < m.harts.length ? HSM_STARTED : HSM_STOPPED),
      // Every hart is started at boot (as OpenSBI's cold boot leaves secondaries
      // waiting in the kernel's own entry protocol): a start request finds it running.
      hartStart: (hart) => (hart < m.harts.length ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM),
      hartStop: () => SBI_ERR_INVALID_PARAM,
      systemReset: (_type, reason) => m.exit(reason === 1 ? 1 : 0),
      mvendorid: 0n,
      marchid: 0x70216n,
      mimpid: 0x70216n,
    };
  }
}
