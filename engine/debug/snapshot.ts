/**
 * Machine snapshots for reverse execution.
 *
 * A snapshot holds the architectural state of every hart, the state of every
 * device, and RAM. RAM is stored incrementally: each snapshot keeps only the
 * pages written since the previous one (the bus's per-page dirty flags, set by
 * every store path since the machine was created, when RAM was all zeros), so
 * even the first snapshot of a 128 MiB machine copies just the loaded program
 * and what ran so far. Restoring snapshot k rewrites the pages written after it.
 *
 * Hart, CSR and device state are captured reflectively — every own field that
 * holds a primitive, a typed array or an array of primitives — so a device or
 * CSR added later is covered without snapshot code of its own. Fields that
 * reference shared structures (the RAM views, page flags, decode caches) are
 * excluded; decode caches are simply dropped on restore.
 */
import type { Machine } from '../machine/machine';

type Fields = Record<string, unknown>;

const PAGE = 4096;

function capture(obj: object, skip: ReadonlySet<unknown>): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'function' || skip.has(v)) continue;
    if (v === null || typeof v !== 'object') out[k] = v;
    else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) out[k] = (v as Uint8Array).slice();
    else if (Array.isArray(v) && v.length <= 65536 && v.every((e) => e === null || typeof e !== 'object')) out[k] = v.slice();
  }
  return out;
}

function restore(obj: object, saved: Fields): void {
  const target = obj as Record<string, unknown>;
  for (const [k, v] of Object.entries(saved)) {
    const cur = target[k];
    if (ArrayBuffer.isView(cur) && ArrayBuffer.isView(v)) (cur as Uint8Array).set(v as Uint8Array);
    else if (Array.isArray(v)) target[k] = v.slice();
    else target[k] = v;
  }
}

export interface Snapshot {
  /** Retired instructions of hart 0 when it was taken (the replay clock). */
  readonly instret: number;
  readonly index: number;
  readonly machine: Fields;
  readonly harts: { hart: Fields; csr: Fields }[];
  readonly devices: Fields[];
  /** RAM pages written since the previous snapshot (page index → contents). */
  readonly pages: Map<number, Uint8Array>;
}

const ZERO_PAGE = new Uint8Array(PAGE);

export class SnapshotStore {
  private list: Snapshot[] = [];

  constructor(private readonly m: Machine) {}

  get snapshots(): readonly Snapshot[] {
    return this.list;
  }

  private skipSet(): Set<unknown> {
    const b = this.m.bus;
    const s = new Set<unknown>([b.ram, b.ram16, b.ram32, b.dirtyPages, b.pageFlags, b]);
    return s;
  }

  /** Takes a snapshot of the current state. */
  take(): Snapshot {
    const m = this.m;
    const bus = m.bus;
    const skip = this.skipSet();
    const pages = new Map<number, Uint8Array>();
    const d = bus.dirtyPages;
    for (let p = 0; p < d.length; p++) {
      if (d[p]) pages.set(p, bus.ram.slice(p * PAGE, (p + 1) * PAGE));
    }
    d.fill(0);
    const snap: Snapshot = {
      instret: m.instret,
      index: this.list.length,
      machine: capture(m, skip),
      harts: m.harts.map((h) => ({ hart: capture(h, skip), csr: capture(h.csr, skip) })),
      devices: m.devices.map((d) => capture(d, skip)),
      pages,
    };
    this.list.push(snap);
    return snap;
  }

  /** The latest snapshot taken at or before `instret`. */
  latestAtOrBefore(instret: number): Snapshot | undefined {
    let best: Snapshot | undefined;
    for (const s of this.list) if (s.instret <= instret) best = s;
    return best;
  }

  /**
   * Returns the machine to snapshot `s` exactly. Later snapshots are dropped
   * (a deterministic replay from `s` recreates them).
   */
  restore(s: Snapshot): void {
    const m = this.m;
    const bus = m.bus;
    // Pages written after s: in later snapshots or dirty now.
    const touched = new Set<number>();
    for (const later of this.list.slice(s.index + 1)) for (const p of later.pages.keys()) touched.add(p);
    const d = bus.dirtyPages;
    for (let p = 0; p < d.length; p++) if (d[p]) touched.add(p);
    for (const p of touched) {
      let content: Uint8Array | undefined;
      for (let i = s.index; i >= 0 && content === undefined; i--) content = this.list[i].pages.get(p);
      bus.ram.set(content ?? ZERO_PAGE, p * PAGE);
    }
    d.fill(0);
    this.list.length = s.index + 1;
    restore(m, s.machine);
    m.harts.forEach((h, i) => {
      restore(h, s.harts[i].hart);
      restore(h.csr, s.harts[i].csr);
      h.flushDecodeCache();
      h.updateTranslation();
      h.checkInterrupts();
    });
    m.devices.forEach((dev, i) => restore(dev, s.devices[i]));
  }
}
