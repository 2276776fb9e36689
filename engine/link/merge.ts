/**
 * SHF_MERGE input sections as GNU ld 2.40 (BFD merge.c) combines them: the
 * sections of one group (same output section, entry size, strings flag and
 * alignment) are cut into entries — NUL-terminated strings, or fixed-size
 * constants — identical entries are kept once, in the section that first
 * has them, and a string that ends another string is placed inside it.
 * Offsets into the original sections map to (section, offset) afterwards.
 */

export interface Mergeable {
  data: Uint8Array;
  align: number;
  entsize: number;
  strings: boolean;
}

export interface MergedGroup {
  /** New contents of each input section, in input order. */
  data: Uint8Array[];
  /** Where a byte at `offset` of input section `k` ended up. */
  map(k: number, offset: number): { section: number; offset: number };
}

interface Entry {
  bytes: Uint8Array;
  /** Length without the terminator (strings) or the entry size (constants). */
  len: number;
  owner: number;
  index: number;
  alignment: number;
  /** The string this one is a suffix of, when it was merged away. */
  suffixOf?: Entry;
  /** A later, better aligned copy of the same entry that took its place. */
  replacedBy?: Entry;
}

/** Whether BFD can merge this section: whole entries, and strings that are all terminated. */
export function canMerge(s: Mergeable): boolean {
  const e = s.entsize;
  if (e <= 0 || s.data.length % e !== 0) return false;
  if (!s.strings || s.data.length === 0) return true;
  for (let i = s.data.length - e; i < s.data.length; i++) if (s.data[i] !== 0) return false;
  return true;
}

function keyOf(b: Uint8Array): string {
  let k = '';
  for (let i = 0; i < b.length; i++) k += String.fromCharCode(b[i]);
  return k;
}

export function mergeGroup(secs: Mergeable[]): MergedGroup {
  const entries = new Map<string, Entry>();
  const order: Entry[] = [];
  // Per input section: piece start offsets and their entries.
  const pieces: { starts: number[]; entries: Entry[] }[] = [];
  secs.forEach((s, k) => {
    const e = s.entsize;
    const mask = Math.max(1, s.align) - 1;
    const starts: number[] = [], list: Entry[] = [];
    const zeroAt = (p: number) => { for (let i = 0; i < e; i++) if (s.data[p + i] !== 0) return false; return true; };
    const add = (pos: number, bytes: Uint8Array, alignment: number) => {
      const key = keyOf(bytes);
      let entry = entries.get(key);
      if (entry && entry.alignment < alignment) {
        // A better aligned copy replaces the first one (whose pieces follow it).
        const better: Entry = { bytes, len: entry.len, owner: k, index: 0, alignment };
        entry.replacedBy = better;
        entry = undefined;
        entries.set(key, better);
        order.push(better);
        entry = better;
      }
      if (!entry) {
        entry = { bytes, len: s.strings ? bytes.length - e : bytes.length, owner: k, index: 0, alignment };
        entries.set(key, entry);
        order.push(entry);
      }
      starts.push(pos);
      list.push(entry);
    };
    let pos = 0;
    if (!s.strings) {
      for (; pos < s.data.length; pos += e) add(pos, s.data.subarray(pos, pos + e), 1);
    } else {
      let nul = false;
      while (pos < s.data.length) {
        // An entry's alignment is that of its offset, at most the section's.
        let align = pos & -pos;
        if (!align || align > mask) align = mask + 1;
        let end = pos;
        while (end < s.data.length && !zeroAt(end)) end += e;
        end = Math.min(end + e, s.data.length);
        add(pos, s.data.subarray(pos, end), align);
        pos = end;
        // Padding between strings is dropped; one empty string stands for a NUL at an aligned offset.
        while (pos < s.data.length && zeroAt(pos)) {
          if (!nul && (pos & mask) === 0) {
            nul = true;
            add(pos, s.data.subarray(pos, pos + e), mask + 1);
          }
          pos += e;
        }
      }
    }
    pieces.push({ starts, entries: list });
  });
  for (const p of pieces) p.entries = p.entries.map((en) => { while (en.replacedBy) en = en.replacedBy; return en; });
  const live = order.filter((en) => !en.replacedBy);

  if (secs[0]?.strings && live.length > 1) {
    // Sort by the reversed text, then fold each string into the next longer one it ends.
    const sorted = [...live].sort((a, b) => {
      let i = a.len - 1, j = b.len - 1;
      while (i >= 0 && j >= 0) {
        if (a.bytes[i] !== b.bytes[j]) return a.bytes[i] - b.bytes[j];
        i--; j--;
      }
      return a.len - b.len;
    });
    let e = sorted[sorted.length - 1];
    for (let n = sorted.length - 2; n >= 0; n--) {
      const cmp = sorted[n];
      if (e.alignment >= cmp.alignment && (e.len - cmp.len) % cmp.alignment === 0 && endsWith(e, cmp)) cmp.suffixOf = e;
      else e = cmp;
    }
  }

  // Kept entries go, in first-seen order, to the section that first had them.
  const sizes = secs.map(() => 0);
  for (const en of live) {
    if (en.suffixOf) continue;
    const at = Math.ceil(sizes[en.owner] / en.alignment) * en.alignment;
    en.index = at;
    sizes[en.owner] = at + en.bytes.length;
  }
  for (const en of live) {
    let c = en;
    while (c.suffixOf) c = c.suffixOf;
    if (c === en) continue;
    en.owner = c.owner;
    en.index = c.index + (c.len - en.len);
  }
  const data = sizes.map((n) => new Uint8Array(n));
  for (const en of live) if (!en.suffixOf) data[en.owner].set(en.bytes, en.index);

  return {
    data,
    map(k, offset) {
      const p = pieces[k];
      // The end of a section (a symbol just past its contents) stays at the end.
      if (!p || p.starts.length === 0 || offset >= secs[k].data.length) return { section: k, offset: offset - (secs[k]?.data.length ?? 0) + (data[k]?.length ?? 0) };
      let lo = 0, hi = p.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (p.starts[mid] <= offset) lo = mid; else hi = mid - 1;
      }
      const en = p.entries[lo];
      return { section: en.owner, offset: en.index + (offset - p.starts[lo]) };
    },
  };
}

function endsWith(long: Entry, short: Entry): boolean {
  if (short.len > long.len) return false;
  for (let i = 1; i <= short.len; i++) if (long.bytes[long.len - i] !== short.bytes[short.len - i]) return false;
  return true;
}
