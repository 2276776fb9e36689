/**
 * Merging the inputs' .riscv.attributes as GNU ld does for the output:
 * Tag_RISCV_arch becomes the union of the extensions (highest version of
 * each) in canonical order, Tag_RISCV_stack_align is carried over.
 */
import { Reader } from '../elf/bytes';

const SINGLE_ORDER = 'imafdqlcbkjtpvnh';

interface Ext { name: string; major: number; minor: number }

function parseArch(arch: string): { xlen: string; exts: Ext[] } | undefined {
  const m = /^rv(32|64)(.*)$/.exec(arch.toLowerCase());
  if (!m) return undefined;
  const exts: Ext[] = [];
  const parts = m[2].split('_').filter((p) => p);
  for (const part of parts) {
    // The first part may chain single-letter extensions: "i2p1m2p0".
    const re = part[0] === 'z' || part[0] === 's' || part[0] === 'x' ? /^([a-z][a-z0-9]*?[a-z])(\d+)p(\d+)$/ : /([a-z])(\d+)p(\d+)/g;
    if (re.global) {
      let mm: RegExpExecArray | null;
      while ((mm = re.exec(part))) exts.push({ name: mm[1], major: +mm[2], minor: +mm[3] });
    } else {
      const mm = re.exec(part);
      if (!mm) return undefined;
      exts.push({ name: mm[1], major: +mm[2], minor: +mm[3] });
    }
  }
  return { xlen: m[1], exts };
}

function rank(name: string): [number, number, string] {
  if (name.length === 1) return [0, SINGLE_ORDER.indexOf(name), name];
  const cls = name[0] === 'z' ? 1 : name[0] === 's' ? 2 : 3;
  const sub = name[0] === 'z' ? SINGLE_ORDER.indexOf(name[1]) : 0;
  return [cls, sub < 0 ? 99 : sub, name];
}

export function mergeArch(archs: string[]): string | undefined {
  let xlen: string | undefined;
  const all = new Map<string, Ext>();
  for (const a of archs) {
    if (!a) continue;
    const p = parseArch(a);
    if (!p) return undefined;
    xlen ??= p.xlen;
    for (const e of p.exts) {
      const have = all.get(e.name);
      if (!have || e.major > have.major || (e.major === have.major && e.minor > have.minor)) all.set(e.name, e);
    }
  }
  if (!xlen) return undefined;
  const sorted = [...all.values()].sort((a, b) => {
    const x = rank(a.name), y = rank(b.name);
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
  return `rv${xlen}` + sorted.map((e, i) => (i === 0 ? '' : '_') + `${e.name}${e.major}p${e.minor}`).join('');
}

/** Tag_RISCV_stack_align (4) from a .riscv.attributes section, if present. */
export function stackAlignOf(data: Uint8Array): number | undefined {
  try {
    const r = new Reader(data);
    if (r.u8(0) !== 0x41) return undefined;
    const vendorEnd = data.indexOf(0, 5);
    let p = vendorEnd + 1;
    if (r.u8(p) !== 1) return undefined;
    const end = Math.min(data.length, p + r.u32(p + 1));
    p += 5;
    while (p < end) {
      const tag = r.u8(p++);
      if (tag === 4) { let v = 0, s = 0, b: number; do { b = r.u8(p++); v |= (b & 0x7f) << s; s += 7; } while (b & 0x80 && s < 28); return v; }
      if (tag % 2 === 1 || tag === 5) { while (r.u8(p) !== 0) p++; p++; } else { let b: number; do { b = r.u8(p++); } while (b & 0x80); }
    }
  } catch {
    return undefined;
  }
  return undefined;
}
