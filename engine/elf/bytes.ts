/**
 * Little-endian byte readers that check bounds (throwing ElfFormatError, which
 * the public entry points catch and turn into messages) and a growable byte
 * writer for building ELF files.
 */

export class ElfFormatError extends Error {}

export class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  private check(off: number, n: number, what: string): void {
    if (!Number.isSafeInteger(off) || off < 0 || off + n > this.bytes.length) {
      throw new ElfFormatError(`${what} at offset 0x${off.toString(16)} extends past end of data (size 0x${this.bytes.length.toString(16)})`);
    }
  }
  u8(off: number, what = 'byte'): number {
    this.check(off, 1, what);
    return this.bytes[off];
  }
  u16(off: number, what = 'half-word'): number {
    this.check(off, 2, what);
    return this.view.getUint16(off, true);
  }
  u32(off: number, what = 'word'): number {
    this.check(off, 4, what);
    return this.view.getUint32(off, true);
  }
  u64(off: number, what = 'double-word'): bigint {
    this.check(off, 8, what);
    return this.view.getBigUint64(off, true);
  }
  i64(off: number, what = 'double-word'): bigint {
    this.check(off, 8, what);
    return this.view.getBigInt64(off, true);
  }
  /** A 64-bit file offset or size that must fit a JS number. */
  num64(off: number, what: string): number {
    const v = this.u64(off, what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfFormatError(`${what} is too large (0x${v.toString(16)})`);
    return Number(v);
  }
  slice(off: number, n: number, what: string): Uint8Array {
    this.check(off, n, what);
    return this.bytes.subarray(off, off + n);
  }
  /** NUL-terminated string starting at off (latin1 → utf-8 decode). */
  cstr(off: number, what = 'string'): string {
    this.check(off, 0, what);
    let end = off;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    if (end >= this.bytes.length) throw new ElfFormatError(`${what} at offset 0x${off.toString(16)} is not NUL-terminated`);
    return utf8(this.bytes.subarray(off, end));
  }
}

const decoder = new TextDecoder('utf-8');
export function utf8(b: Uint8Array): string {
  return decoder.decode(b);
}
const encoder = new TextEncoder();
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Growable little-endian byte buffer. */
export class Writer {
  private buf = new Uint8Array(256);
  private len = 0;
  get length(): number {
    return this.len;
  }
  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }
  u8(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16((v >>> 16) & 0xffff);
  }
  u64(v: bigint | number): this {
    const b = BigInt.asUintN(64, BigInt(v));
    return this.u32(Number(b & 0xffffffffn)).u32(Number(b >> 32n));
  }
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }
  cstr(s: string): this {
    return this.bytes(utf8Bytes(s)).u8(0);
  }
  uleb(v: number | bigint): this {
    let x = BigInt(v);
    do {
      let byte = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) byte |= 0x80;
      this.u8(byte);
    } while (x !== 0n);
    return this;
  }
  sleb(v: number | bigint): this {
    let x = BigInt(v);
    for (;;) {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      const done = (x === 0n && (byte & 0x40) === 0) || (x === -1n && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }
  align(a: number): this {
    const pad = (a - (this.len % a)) % a;
    return this.zeros(pad);
  }
  /** Overwrites 4 bytes at an earlier position. */
  patch32(at: number, v: number): void {
    this.buf[at] = v & 0xff; this.buf[at + 1] = (v >>> 8) & 0xff;
    this.buf[at + 2] = (v >>> 16) & 0xff; this.buf[at + 3] = (v >>> 24) & 0xff;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** String table builder (.strtab/.shstrtab/.debug_str): dedups, offset 0 is the empty string. */
export class StringTable {
  private readonly w = new Writer();
  private readonly offsets = new Map<string, number>();
  constructor(leadingNul = true) {
    if (leadingNul) {
      this.w.u8(0);
      this.offsets.set('', 0);
    }
  }
  add(s: string): number {
    const have = this.offsets.get(s);
    if (have !== undefined) return have;
    const off = this.w.length;
    this.w.cstr(s);
    this.offsets.set(s, off);
    return off;
  }
  finish(): Uint8Array {
    return this.w.finish();
  }
}
