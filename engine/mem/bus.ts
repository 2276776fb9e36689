/**
 * The physical address space: RAM plus memory-mapped devices.
 *
 * RAM lives in one ArrayBuffer with several typed views, so aligned accesses
 * are a single typed-array load and a later translator can share the buffer.
 * Devices are looked up only when an access misses RAM. Addresses are JS
 * numbers holding the physical address (physical addresses fit in 56 bits, so
 * they are exact).
 */

/** A memory-mapped device. Offsets are relative to the device's base. */
export interface MmioDevice {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  /** Reads `size` (1, 2, 4 or 8) bytes; returns the value's low and high 32 bits
   * through `out` ([lo, hi]) and true, or false if the access is not supported
   * (the CPU raises an access fault). */
  read(offset: number, size: number, out: Int32Array): boolean;
  /** Writes `size` bytes (lo, hi halves); false if unsupported. */
  write(offset: number, size: number, lo: number, hi: number): boolean;
}

export const PAGE_SHIFT = 12;
/** The page holds instructions the CPU has decoded and cached. */
export const PAGE_CODE = 1;
/** A device or the host watches stores to the page (HTIF tohost). */
export const PAGE_HOOK = 2;

export class Bus {
  readonly ram: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Int32Array;
  readonly ramBase: number;
  readonly ramSize: number;
  private devices: MmioDevice[] = [];
  /** Flags per RAM page (PAGE_CODE, PAGE_HOOK, PAGE_WATCH): a store to a page
   * with any flag set takes the slow path through `noteWrite`. */
  readonly pageFlags: Uint8Array;
  /** One flag per RAM page: set on every store; cleared by whoever snapshots. */
  readonly dirtyPages: Uint8Array;
  /** Called when a store hits a page that holds decoded code. */
  onCodeWrite: (pageIndex: number) => void = () => {};
  /** Called after a store to a page flagged PAGE_HOOK or PAGE_WATCH (HTIF's
   * tohost, debugger watchpoints), with the RAM offset and size written. */
  private hooks: ((off: number, size: number) => void)[] = [];

  constructor(ramBase: number, ramSize: number) {
    if (ramSize % 4096 !== 0 || ramSize <= 0) throw new RangeError('RAM size must be a positive multiple of 4 KiB');
    this.ramBase = ramBase;
    this.ramSize = ramSize;
    const buf = new ArrayBuffer(ramSize);
    this.ram = new Uint8Array(buf);
    this.ram16 = new Uint16Array(buf);
    this.ram32 = new Int32Array(buf);
    this.pageFlags = new Uint8Array(ramSize >>> PAGE_SHIFT);
    this.dirtyPages = new Uint8Array(ramSize >>> PAGE_SHIFT);
  }

  addDevice(dev: MmioDevice): void {
    for (const d of this.devices) {
      if (dev.base < d.base + d.size && d.base < dev.base + dev.size) {
        throw new Error(`device ${dev.name} overlaps ${d.name}`);
      }
    }
    this.devices.push(dev);
  }

  /** Devices in the order they were added. */
  get deviceList(): readonly MmioDevice[] {
    return this.devices;
  }

  deviceAt(addr: number): MmioDevice | undefined {
    for (const d of this.devices) if (addr >= d.base && addr < d.base + d.size) return d;
    return undefined;
  }

  /** True when [addr, addr+size) lies inside RAM. */
  inRam(addr: number, size: number): boolean {
    const off = addr - this.ramBase;
    return off >= 0 && off + size <= this.ramSize;
  }

  /** Registers a hook run after stores to the RAM range [addr, addr+size). */
  addWriteHook(addr: number, size: number, hook: (off: number, size: number) => void): void {
    const off = addr - this.ramBase;
    for (let p = off >>> PAGE_SHIFT; p <= (off + size - 1) >>> PAGE_SHIFT; p++) this.pageFlags[p] |= PAGE_HOOK;
    this.hooks.push(hook);
  }

  /** Marks a RAM range written (dirty tracking, code invalidation, hooks). */
  noteWrite(off: number, size: number): void {
    const first = off >>> PAGE_SHIFT;
    const last = (off + size - 1) >>> PAGE_SHIFT;
    let hooked = false;
    for (let p = first; p <= last; p++) {
      this.dirtyPages[p] = 1;
      const f = this.pageFlags[p];
      if (f & PAGE_CODE) {
        this.pageFlags[p] = f & ~PAGE_CODE;
        this.onCodeWrite(p);
      }
      if (f & PAGE_HOOK) hooked = true;
    }
    if (hooked) for (const h of this.hooks) h(off, size);
  }

  /**
   * Generic physical read of 1/2/4/8 bytes (any alignment inside RAM). Result
   * in out[0] (lo) and out[1] (hi), zero-extended. Returns false on an access
   * fault (no RAM or device there, or the device refuses the access).
   */
  read(addr: number, size: number, out: Int32Array): boolean {
    const off = addr - this.ramBase;
    if (off >= 0 && off + size <= this.ramSize) {
      const r = this.ram;
      if (size === 8) {
        out[0] = r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24);
        out[1] = r[off + 4] | (r[off + 5] << 8) | (r[off + 6] << 16) | (r[off + 7] << 24);
      } else if (size === 4) {
        out[0] = r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24);
        out[1] = 0;
      } else if (size === 2) {
        out[0] = r[off] | (r[off + 1] << 8);
        out[1] = 0;
      } else {
        out[0] = r[off];
        out[1] = 0;
      }
      return true;
    }
    const dev = this.deviceAt(addr);
    if (!dev || addr + size > dev.base + dev.size) return false;
    return dev.read(addr - dev.base, size, out);
  }

  /** Generic physical write; false on an access fault. */
  write(addr: number, size: number, lo: number, hi: number): boolean {
    const off = addr - this.ramBase;
    if (off >= 0 && off + size <= this.ramSize) {
      const r = this.ram;
      r[off] = lo;
      if (size >= 2) r[off + 1] = lo >>> 8;
      if (size >= 4) {
        r[off + 2] = lo >>> 16;
        r[off + 3] = lo >>> 24;
      }
      if (size === 8) {
        r[off + 4] = hi;
        r[off + 5] = hi >>> 8;
        r[off + 6] = hi >>> 16;
        r[off + 7] = hi >>> 24;
      }
      this.noteWrite(off, size);
      return true;
    }
    const dev = this.deviceAt(addr);
    if (!dev || addr + size > dev.base + dev.size) return false;
    return dev.write(addr - dev.base, size, lo, hi);
  }

  /** Copies bytes into RAM (loaders); false if the range is not all RAM. */
  loadBytes(addr: number, bytes: Uint8Array): boolean {
    if (!this.inRam(addr, bytes.length)) return false;
    const off = addr - this.ramBase;
    this.ram.set(bytes, off);
    if (bytes.length > 0) this.noteWrite(off, bytes.length);
    return true;
  }
}
