/**
 * Platform-level interrupt controller as on QEMU `virt` (0x0c00_0000): source
 * priorities at +0, pending bits at +0x1000, per-context enables at +0x2000
 * (stride 0x80), per-context threshold/claim at +0x20_0000 (stride 0x1000).
 * Context 2h is hart h's M-mode, 2h+1 its S-mode, as QEMU wires them.
 */
import type { MmioDevice } from '../mem/bus';

export const PLIC_SOURCES = 96;
const PRIO_MASK = 7;

export class Plic implements MmioDevice {
  readonly name = 'plic';
  readonly size = 0x600000;
  private readonly priority = new Uint32Array(PLIC_SOURCES);
  private readonly pending = new Uint8Array(PLIC_SOURCES);
  private readonly level = new Uint8Array(PLIC_SOURCES);
  private readonly claimed = new Uint8Array(PLIC_SOURCES);
  private readonly enable: Uint32Array; // contexts × words
  private readonly threshold: Uint32Array;
  private readonly words = Math.ceil(PLIC_SOURCES / 32);

  constructor(
    readonly base: number,
    readonly numContexts: number,
    /** Raises or lowers the external-interrupt line of a context (MEIP/SEIP). */
    private readonly setLine: (context: number, level: boolean) => void,
  ) {
    this.enable = new Uint32Array(numContexts * this.words);
    this.threshold = new Uint32Array(numContexts);
  }

  /** A device's interrupt line changed (level-triggered, as QEMU's UART). */
  setIrq(source: number, level: boolean): void {
    if (source <= 0 || source >= PLIC_SOURCES) return;
    this.level[source] = level ? 1 : 0;
    if (level && !this.claimed[source]) this.pending[source] = 1;
    this.update();
  }

  private best(context: number): number {
    let best = 0;
    let bestPrio = this.threshold[context];
    for (let s = 1; s < PLIC_SOURCES; s++) {
      if (!this.pending[s]) continue;
      if (!((this.enable[context * this.words + (s >> 5)] >>> (s & 31)) & 1)) continue;
      if (this.priority[s] > bestPrio) {
        best = s;
        bestPrio = this.priority[s];
      }
    }
    return best;
  }

  private update(): void {
    for (let c = 0; c < this.numContexts; c++) this.setLine(c, this.best(c) !== 0);
  }

  read(offset: number, size: number, out: Int32Array): boolean {
    if (size !== 4 || offset & 3) return false;
    out[1] = 0;
    out[0] = 0;
    if (offset < 0x1000) {
      const s = offset >> 2;
      if (s < PLIC_SOURCES) out[0] = this.priority[s];
    } else if (offset < 0x2000) {
      const w = (offset - 0x1000) >> 2;
      let v = 0;
      for (let b = 0; b < 32; b++) if (w * 32 + b < PLIC_SOURCES && this.pending[w * 32 + b]) v |= 1 << b;
      out[0] = v;
    } else if (offset < 0x200000) {
      const c = Math.floor((offset - 0x2000) / 0x80);
      const w = ((offset - 0x2000) % 0x80) >> 2;
      if (c < this.numContexts && w < this.words) out[0] = this.enable[c * this.words + w];
    } else {
      const c = Math.floor((offset - 0x200000) / 0x1000);
      const reg = (offset - 0x200000) % 0x1000;
      if (c < this.numContexts) {
        if (reg === 0) out[0] = this.threshold[c];
        else if (reg === 4) {
          const s = this.best(c);
          if (s) {
            this.pending[s] = 0;
            this.claimed[s] = 1;
            this.update();
          }
          out[0] = s;
        }
      }
    }
    return true;
  }

  write(offset: number, size: number, lo: number): boolean {
    if (size !== 4 || offset & 3) return false;
    if (offset < 0x1000) {
      const s = offset >> 2;
      if (s > 0 && s < PLIC_SOURCES) this.priority[s] = lo & PRIO_MASK;
    } else if (offset < 0x2000) {
      // pending bits are read-only
    } else if (offset < 0x200000) {
      const c = Math.floor((offset - 0x2000) / 0x80);
      const w = ((offset - 0x2000) % 0x80) >> 2;
      if (c < this.numContexts && w < this.words) this.enable[c * this.words + w] = w === 0 ? lo & ~1 : lo;
    } else {
      const c = Math.floor((offset - 0x200000) / 0x1000);
      const reg = (offset - 0x200000) % 0x1000;
      if (c < this.numContexts) {
        if (reg === 0) this.threshold[c] = lo & PRIO_MASK;
        else if (reg === 4) {
          const s = lo >>> 0;
          if (s > 0 && s < PLIC_SOURCES && this.claimed[s]) {
            this.claimed[s] = 0;
            if (this.level[s]) this.pending[s] = 1;
          }
        }
      }
    }
    this.update();
    return true;
  }
}
