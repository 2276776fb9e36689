/**
 * The Supervisor Binary Interface, implemented in TypeScript: what the
 * engine's built-in firmware (the `native` baseline) and its built-in VMMs
 * answer when a supervisor executes `ecall`.
 *
 * SBI v2.0: Base, TIME, IPI, RFENCE, HSM, SRST, DBCN and the legacy (v0.1)
 * calls. The extension ID is in a7, the function ID in a6, arguments in
 * a0..a5; the result is returned as (error in a0, value in a1), except for the
 * legacy calls, which return one value in a0.
 *
 * The implementation knows nothing of harts, devices or memory directly: the
 * caller supplies an `SbiPlatform`, so the same code serves the firmware
 * (whose "platform" is the real machine) and a hypervisor (whose platform is
 * one guest's virtual machine).
 */

export const SBI_SUCCESS = 0n;
export const SBI_ERR_FAILED = -1n;
export const SBI_ERR_NOT_SUPPORTED = -2n;
export const SBI_ERR_INVALID_PARAM = -3n;
export const SBI_ERR_DENIED = -4n;
export const SBI_ERR_INVALID_ADDRESS = -5n;
export const SBI_ERR_ALREADY_AVAILABLE = -6n;
export const SBI_ERR_ALREADY_STARTED = -7n;
export const SBI_ERR_ALREADY_STOPPED = -8n;

export const EXT = {
  legacySetTimer: 0x00,
  legacyPutchar: 0x01,
  legacyGetchar: 0x02,
  legacyClearIpi: 0x03,
  legacySendIpi: 0x04,
  legacyRemoteFenceI: 0x05,
  legacyRemoteSfenceVma: 0x06,
  legacyRemoteSfenceVmaAsid: 0x07,
  legacyShutdown: 0x08,
  base: 0x10,
  time: 0x54494d45,
  ipi: 0x735049,
  rfence: 0x52464e43,
  hsm: 0x48534d,
  srst: 0x53525354,
  dbcn: 0x4442434e,
} as const;

/** Names for traces and the language server's hover. */
export const EXTENSION_NAMES: Record<number, string> = {
  [EXT.legacySetTimer]: 'legacy set_timer',
  [EXT.legacyPutchar]: 'legacy console_putchar',
  [EXT.legacyGetchar]: 'legacy console_getchar',
  [EXT.legacyClearIpi]: 'legacy clear_ipi',
  [EXT.legacySendIpi]: 'legacy send_ipi',
  [EXT.legacyRemoteFenceI]: 'legacy remote_fence_i',
  [EXT.legacyRemoteSfenceVma]: 'legacy remote_sfence_vma',
  [EXT.legacyRemoteSfenceVmaAsid]: 'legacy remote_sfence_vma_asid',
  [EXT.legacyShutdown]: 'legacy shutdown',
  [EXT.base]: 'BASE',
  [EXT.time]: 'TIME',
  [EXT.ipi]: 'IPI',
  [EXT.rfence]: 'RFENCE',
  [EXT.hsm]: 'HSM',
  [EXT.srst]: 'SRST',
  [EXT.dbcn]: 'DBCN',
};

export const FUNCTION_NAMES: Record<number, string[]> = {
  [EXT.base]: ['get_spec_version', 'get_impl_id', 'get_impl_version', 'probe_extension', 'get_mvendorid', 'get_marchid', 'get_mimpid'],
  [EXT.time]: ['set_timer'],
  [EXT.ipi]: ['send_ipi'],
  [EXT.rfence]: ['remote_fence_i', 'remote_sfence_vma', 'remote_sfence_vma_asid', 'remote_hfence_gvma_vmid', 'remote_hfence_gvma', 'remote_hfence_vvma_asid', 'remote_hfence_vvma'],
  [EXT.hsm]: ['hart_start', 'hart_stop', 'hart_get_status', 'hart_suspend'],
  [EXT.srst]: ['system_reset'],
  [EXT.dbcn]: ['console_write', 'console_read', 'console_write_byte'],
};

/** SBI spec version 2.0, encoded as (major << 24) | minor. */
export const SPEC_VERSION = (2n << 24n) | 0n;
/** Implementation ID: not one of the registered IDs ("HYPS" in ASCII). */
export const IMPL_ID = 0x48595053n;
export const IMPL_VERSION = 1n;

export const HSM_STARTED = 0n;
export const HSM_STOPPED = 1n;
export const HSM_START_PENDING = 2n;
export const HSM_STOP_PENDING = 3n;
export const HSM_SUSPENDED = 4n;

/** What the SBI implementation needs from the (real or virtual) machine. */
export interface SbiPlatform {
  readonly hartCount: number;
  /** Console output (bytes the supervisor printed). */
  consoleWrite(bytes: Uint8Array): void;
  /** One byte of console input, or -1 when none is queued. */
  consoleRead(): number;
  /** Reads supervisor-physical memory (DBCN buffers); undefined if not RAM. */
  readPhys(addr: bigint, length: number): Uint8Array | undefined;
  writePhys(addr: bigint, bytes: Uint8Array): boolean;
  /** Arms hart `hart`'s supervisor timer at `time` (clearing a pending STIP). */
  setTimer(hart: number, time: bigint): void;
  /** Raises a supervisor software interrupt on `hart`. */
  sendIpi(hart: number): void;
  clearIpi(hart: number): void;
  /** Instruction-cache and TLB fences on other harts. */
  remoteFence(hart: number, kind: 'fence.i' | 'sfence.vma' | 'hfence'): void;
  /** HSM: status of a hart, and starting/stopping it. */
  hartStatus(hart: number): bigint;
  hartStart(hart: number, start: bigint, opaque: bigint): bigint;
  hartStop(hart: number): bigint;
  /** SRST: shutdown (exit code 0 normally, 1 on a system-failure reason) or reboot. */
  systemReset(type: number, reason: number): void;
  mvendorid: bigint;
  marchid: bigint;
  mimpid: bigint;
}

export interface SbiResult {
  error: bigint;
  value: bigint;
  /** Legacy calls return a single value in a0. */
  legacy?: boolean;
}

export interface SbiCall {
  hart: number;
  eid: number;
  fid: number;
  args: readonly bigint[]; // a0..a5
}

const SUPPORTED = new Set<number>([
  EXT.base,
  EXT.time,
  EXT.ipi,
  EXT.rfence,
  EXT.hsm,
  EXT.srst,
  EXT.dbcn,
  EXT.legacySetTimer,
  EXT.legacyPutchar,
  EXT.legacyGetchar,
  EXT.legacyClearIpi,
  EXT.legacySendIpi,
  EXT.legacyRemoteFenceI,
  EXT.legacyRemoteSfenceVma,
  EXT.legacyRemoteSfenceVmaAsid,
  EXT.legacyShutdown,
]);

const ok = (value = 0n): SbiResult => ({ error: SBI_SUCCESS, value });
const err = (error: bigint): SbiResult => ({ error, value: 0n });

/** The harts selected by an SBI hart mask (hart_mask, hart_mask_base); -1 base = all. */
export function maskedHarts(mask: bigint, base: bigint, count: number): number[] | undefined {
  if (base === (1n << 64n) - 1n || base === -1n) return Array.from({ length: count }, (_, i) => i);
  const harts: number[] = [];
  for (let bit = 0n; bit < 64n; bit++) {
    if ((mask >> bit) & 1n) {
      const h = base + bit;
      if (h >= BigInt(count)) return undefined;
      harts.push(Number(h));
    }
  }
  return harts;
}

/** Handles one SBI call. Never throws: unknown calls get SBI_ERR_NOT_SUPPORTED. */
export function sbiCall(p: SbiPlatform, c: SbiCall): SbiResult {
  const [a0 = 0n, a1 = 0n, a2 = 0n] = c.args;
  switch (c.eid) {
    case EXT.base:
      switch (c.fid) {
        case 0:
          return ok(SPEC_VERSION);
        case 1:
          return ok(IMPL_ID);
        case 2:
          return ok(IMPL_VERSION);
        case 3:
          return ok(SUPPORTED.has(Number(BigInt.asUintN(32, a0))) && a0 < 1n << 32n ? 1n : 0n);
        case 4:
          return ok(p.mvendorid);
        case 5:
          return ok(p.marchid);
        case 6:
          return ok(p.mimpid);
        default:
          return err(SBI_ERR_NOT_SUPPORTED);
      }
    case EXT.time:
      if (c.fid !== 0) return err(SBI_ERR_NOT_SUPPORTED);
      p.setTimer(c.hart, a0);
      return ok();
    case EXT.ipi: {
      if (c.fid !== 0) return err(SBI_ERR_NOT_SUPPORTED);
      const harts = maskedHarts(a0, a1, p.hartCount);
      if (!harts) return err(SBI_ERR_INVALID_PARAM);
      for (const h of harts) p.sendIpi(h);
      return ok();
    }
    case EXT.rfence: {
      if (c.fid > 6) return err(SBI_ERR_NOT_SUPPORTED);
      const harts = maskedHarts(a0, a1, p.hartCount);
      if (!harts) return err(SBI_ERR_INVALID_PARAM);
      const kind = c.fid === 0 ? 'fence.i' : c.fid <= 2 ? 'sfence.vma' : 'hfence';
      for (const h of harts) p.remoteFence(h, kind);
      return ok();
    }
    case EXT.hsm: {
      const hart = Number(a0);
      switch (c.fid) {
        case 0:
          if (a0 >= BigInt(p.hartCount)) return err(SBI_ERR_INVALID_PARAM);
          return { error: p.hartStart(hart, a1, a2), value: 0n };
        case 1:
          return { error: p.hartStop(c.hart), value: 0n };
        case 2:
          if (a0 >= BigInt(p.hartCount)) return err(SBI_ERR_INVALID_PARAM);
          return ok(p.hartStatus(hart));
        case 3:
          // Retentive suspend behaves like wfi; non-retentive is not offered.
          return a0 === 0n ? ok() : err(SBI_ERR_NOT_SUPPORTED);
        default:
          return err(SBI_ERR_NOT_SUPPORTED);
      }
    }
    case EXT.srst: {
      if (c.fid !== 0) return err(SBI_ERR_NOT_SUPPORTED);
      const type = Number(BigInt.asUintN(32, a0));
      const reason = Number(BigInt.asUintN(32, a1));
      if (type > 2 || a0 >= 1n << 32n) return err(SBI_ERR_INVALID_PARAM);
      if (reason > 1 || a1 >= 1n << 32n) return err(SBI_ERR_INVALID_PARAM);
      p.systemReset(type, reason);
      return ok();
    }
    case EXT.dbcn:
      switch (c.fid) {
        case 0: {
          if (a2 !== 0n) return err(SBI_ERR_INVALID_PARAM);
          const n = Number(a0 > 1n << 20n ? 1n << 20n : a0);
          const bytes = p.readPhys(a1, n);
          if (!bytes) return err(SBI_ERR_INVALID_PARAM);
          p.consoleWrite(bytes);
          return ok(BigInt(bytes.length));
        }
        case 1: {
          if (a2 !== 0n) return err(SBI_ERR_INVALID_PARAM);
          const out: number[] = [];
          for (let i = 0n; i < a0; i++) {
            const b = p.consoleRead();
            if (b < 0) break;
            out.push(b);
          }
          if (!p.writePhys(a1, Uint8Array.from(out))) return err(SBI_ERR_INVALID_PARAM);
          return ok(BigInt(out.length));
        }
        case 2:
          p.consoleWrite(Uint8Array.of(Number(a0 & 0xffn)));
          return ok();
        default:
          return err(SBI_ERR_NOT_SUPPORTED);
      }
    // ---- legacy (SBI v0.1) calls: one return value in a0 ----
    case EXT.legacySetTimer:
      p.setTimer(c.hart, a0);
      return { error: 0n, value: 0n, legacy: true };
    case EXT.legacyPutchar:
      p.consoleWrite(Uint8Array.of(Number(a0 & 0xffn)));
      return { error: 0n, value: 0n, legacy: true };
    case EXT.legacyGetchar:
      return { error: BigInt(p.consoleRead()), value: 0n, legacy: true };
    case EXT.legacyClearIpi:
      p.clearIpi(c.hart);
      return { error: 0n, value: 0n, legacy: true };
    case EXT.legacySendIpi:
    case EXT.legacyRemoteFenceI:
    case EXT.legacyRemoteSfenceVma:
    case EXT.legacyRemoteSfenceVmaAsid: {
      // The hart mask is a pointer to an unsigned long in supervisor memory.
      const raw = a0 === 0n ? undefined : p.readPhys(a0, 8);
      let mask = 0n;
      if (raw) for (let i = 7; i >= 0; i--) mask = (mask << 8n) | BigInt(raw[i]);
      const harts = a0 === 0n ? maskedHarts(0n, -1n, p.hartCount)! : maskedHarts(mask, 0n, p.hartCount) ?? [];
      for (const h of harts) {
        if (c.eid === EXT.legacySendIpi) p.sendIpi(h);
        else p.remoteFence(h, c.eid === EXT.legacyRemoteFenceI ? 'fence.i' : 'sfence.vma');
      }
      return { error: 0n, value: 0n, legacy: true };
    }
    case EXT.legacyShutdown:
      p.systemReset(0, 0);
      return { error: 0n, value: 0n, legacy: true };
    default:
      return err(SBI_ERR_NOT_SUPPORTED);
  }
}

/** "TIME.set_timer" style name for a call, for traces and hovers. */
export function sbiCallName(eid: number, fid: number): string {
  const ext = EXTENSION_NAMES[eid];
  if (ext === undefined) return `extension 0x${eid.toString(16)} function ${fid}`;
  if (ext.startsWith('legacy')) return ext;
  const fn = FUNCTION_NAMES[eid]?.[fid];
  return `${ext}.${fn ?? `function ${fid}`}`;
}
