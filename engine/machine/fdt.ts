/**
 * Flattened device tree (DTB, version 17) as firmware and kernels read it:
 * a small in-memory tree, a writer and a reader. The reader exists so that a
 * user-supplied `--dtb` can be checked and have `/chosen` filled in, as QEMU
 * does with `-dtb`.
 *
 * Layout written: 40-byte header, memory reservation block (empty, just its
 * terminator), structure block, strings block, as libfdt lays it out. Nodes
 * and properties keep the order they were added in.
 */

export const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export interface FdtProp {
  name: string;
  value: Uint8Array;
}

export class FdtNode {
  readonly props: FdtProp[] = [];
  readonly children: FdtNode[] = [];
  constructor(readonly name: string) {}

  /** Adds (or replaces, keeping its place) a property with raw bytes. */
  set(name: string, value: Uint8Array): this {
    const old = this.props.find((p) => p.name === name);
    if (old) old.value = value;
    else this.props.push({ name, value });
    return this;
  }

  /** Big-endian 32-bit cells. */
  cells(name: string, ...values: number[]): this {
    return this.set(name, cellBytes(values));
  }

  /** One or more NUL-terminated strings (a string list when several). */
  str(name: string, ...values: string[]): this {
    return this.set(name, stringBytes(values));
  }

  /** A property with no value (a flag such as `interrupt-controller`). */
  flag(name: string): this {
    return this.set(name, new Uint8Array(0));
  }

  get(name: string): Uint8Array | undefined {
    return this.props.find((p) => p.name === name)?.value;
  }

  remove(name: string): void {
    const i = this.props.findIndex((p) => p.name === name);
    if (i >= 0) this.props.splice(i, 1);
  }

  add(child: FdtNode): FdtNode {
    this.children.push(child);
    return child;
  }

  /** Appends a new child node and returns it. */
  node(name: string): FdtNode {
    return this.add(new FdtNode(name));
  }

  child(name: string): FdtNode | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** The node at a path such as `/soc/serial@10000000`, if present. */
  find(path: string): FdtNode | undefined {
    let n: FdtNode | undefined = this;
    for (const part of path.split('/').filter((p) => p)) {
      n = n.child(part);
      if (!n) return undefined;
    }
    return n;
  }
}

export function cellBytes(values: number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setUint32(4 * i, v >>> 0));
  return out;
}

export function stringBytes(values: string[]): Uint8Array {
  const bytes: number[] = [];
  for (const s of values) {
    for (const ch of utf8.encode(s)) bytes.push(ch);
    bytes.push(0);
  }
  return Uint8Array.from(bytes);
}

/** Splits a 64-bit value into two cells (high, low), as `reg` with 2 address cells wants. */
export function cells64(v: number): [number, number] {
  return [Math.floor(v / 2 ** 32) >>> 0, v >>> 0];
}

/** Serialises a tree to DTB bytes; `bootCpu` goes in the header's boot_cpuid_phys. */
export function writeFdt(root: FdtNode, bootCpu = 0): Uint8Array {
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const stringOffset = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      stringOffsets.set(name, off);
      for (const ch of utf8.encode(name)) strings.push(ch);
      strings.push(0);
    }
    return off;
  };
  const struct: number[] = [];
  const word = (v: number) => struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const padTo4 = () => {
    while (struct.length % 4) struct.push(0);
  };
  const emit = (n: FdtNode) => {
    word(FDT_BEGIN_NODE);
    for (const ch of utf8.encode(n.name)) struct.push(ch);
    struct.push(0);
    padTo4();
    for (const p of n.props) {
      word(FDT_PROP);
      word(p.value.length);
      word(stringOffset(p.name));
      for (const b of p.value) struct.push(b);
      padTo4();
    }
    for (const c of n.children) emit(c);
    word(FDT_END_NODE);
  };
  emit(root);
  word(FDT_END);

  const rsvOff = HEADER_SIZE;
  const structOff = rsvOff + 16; // one all-zero reservation entry terminates the (empty) map
  const stringsOff = structOff + struct.length;
  const total = stringsOff + strings.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const header = [FDT_MAGIC, total, structOff, stringsOff, rsvOff, 17, 16, bootCpu, strings.length, struct.length];
  header.forEach((v, i) => dv.setUint32(4 * i, v >>> 0));
  out.set(struct, structOff);
  out.set(strings, stringsOff);
  return out;
}

export type FdtParse = { ok: true; root: FdtNode; bootCpu: number } | { ok: false; error: string };

/** Parses DTB bytes (versions 16 and 17); never throws. */
export function readFdt(bytes: Uint8Array): FdtParse {
  if (bytes.length < HEADER_SIZE) return { ok: false, error: 'device tree blob is shorter than its header' };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0) !== FDT_MAGIC) return { ok: false, error: 'not a device tree blob (bad magic; expected 0xd00dfeed)' };
  const total = dv.getUint32(4);
  const structOff = dv.getUint32(8);
  const stringsOff = dv.getUint32(12);
  const version = dv.getUint32(20);
  const lastComp = dv.getUint32(24);
  const bootCpu = dv.getUint32(28);
  if (total > bytes.length) return { ok: false, error: `device tree blob is truncated (header says ${total} bytes, file has ${bytes.length})` };
  if (lastComp > 17 || version < 16) return { ok: false, error: `unsupported device tree version ${version} (compatible with ${lastComp})` };
  const stringsSize = version >= 17 ? dv.getUint32(32) : total - stringsOff;
  const structSize = version >= 17 ? dv.getUint32(36) : total - structOff;
  if (structOff + structSize > total || stringsOff + stringsSize > total) return { ok: false, error: 'device tree blocks lie outside the blob' };
  const strEnd = stringsOff + stringsSize;
  const cString = (from: number, end: number): string | undefined => {
    let i = from;
    while (i < end && bytes[i] !== 0) i++;
    if (i >= end) return undefined;
    return fromUtf8.decode(bytes.subarray(from, i));
  };
  let p = structOff;
  const end = structOff + structSize;
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  const bad = (what: string): FdtParse => ({ ok: false, error: `malformed device tree: ${what} at structure offset ${p - structOff}` });
  while (p + 4 <= end) {
    const tag = dv.getUint32(p);
    p += 4;
    if (tag === FDT_BEGIN_NODE) {
      const name = cString(p, end);
      if (name === undefined) return bad('unterminated node name');
      p = (p + utf8.encode(name).length + 1 + 3) & ~3;
      const n = new FdtNode(name);
      if (stack.length) stack[stack.length - 1].add(n);
      else if (root) return bad('second root node');
      else root = n;
      stack.push(n);
    } else if (tag === FDT_END_NODE) {
      if (!stack.pop()) return bad('unbalanced end of node');
    } else if (tag === FDT_PROP) {
      if (p + 8 > end) return bad('truncated property');
      const len = dv.getUint32(p);
      const nameOff = dv.getUint32(p + 4);
      p += 8;
      if (p + len > end) return bad('property value runs past the structure block');
      const name = stringsOff + nameOff < strEnd ? cString(stringsOff + nameOff, strEnd) : undefined;
      if (name === undefined) return bad('property name outside the strings block');
      if (!stack.length) return bad('property outside any node');
      stack[stack.length - 1].props.push({ name, value: bytes.slice(p, p + len) });
      p = (p + len + 3) & ~3;
    } else if (tag === FDT_NOP) {
      continue;
    } else if (tag === FDT_END) {
      if (stack.length || !root) return bad('end before the root node closed');
      return { ok: true, root, bootCpu };
    } else return bad(`unknown tag ${tag}`);
  }
  return bad('missing end tag');
}
