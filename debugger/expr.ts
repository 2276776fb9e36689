/**
 * The debugger's expression language (watch, hover, conditions, debug
 * console): 64-bit integers; registers by ABI or x/f name and `pc`; CSRs and
 * their fields (`mstatus.MPP`); symbols; C-like operators; memory reads
 * `*(u64*)(sp+8)` / `*addr`. Values are unsigned 64-bit (comparisons too);
 * `-1` is 0xffff_ffff_ffff_ffff. Errors come back as messages, never throws.
 */

export interface EvalContext {
  /** Register, CSR, CSR field or symbol value; undefined if unknown. */
  lookup(name: string): bigint | undefined;
  /** Reads `size` bytes little-endian; undefined if not readable. */
  readMemory(address: bigint, size: number): bigint | undefined;
}

export type EvalResult = { ok: true; value: bigint } | { ok: false; error: string };

const M64 = (1n << 64n) - 1n;
const u64 = (v: bigint) => v & M64;

const TYPES: Record<string, { size: number; signed: boolean }> = {};
for (const [names, size, signed] of [
  [['u8', 'uint8_t', 'unsigned char', 'byte'], 1, false],
  [['i8', 's8', 'int8_t', 'char', 'signed char'], 1, true],
  [['u16', 'uint16_t', 'unsigned short', 'half'], 2, false],
  [['i16', 's16', 'int16_t', 'short'], 2, true],
  [['u32', 'uint32_t', 'unsigned', 'unsigned int', 'word'], 4, false],
  [['i32', 's32', 'int32_t', 'int'], 4, true],
  [['u64', 'uint64_t', 'unsigned long', 'size_t', 'uintptr_t', 'dword'], 8, false],
  [['i64', 's64', 'int64_t', 'long', 'intptr_t'], 8, true],
] as [string[], number, boolean][]) {
  for (const n of names) TYPES[n] = { size, signed };
}

type Tok = { t: 'num'; v: bigint } | { t: 'id'; v: string } | { t: 'op'; v: string } | { t: 'end' };

function tokenize(s: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    const numM = /^(0x[0-9a-f_]+|0b[01_]+|0o[0-7_]+|[0-9][0-9_]*)/i.exec(s.slice(i));
    if (numM) {
      const text = numM[1].replace(/_/g, '');
      out.push({ t: 'num', v: BigInt(text.toLowerCase().startsWith('0o') ? '0o' + text.slice(2) : text) });
      i += numM[1].length;
      if (/[a-z_]/i.test(s[i] ?? '')) return `bad number near '${s.slice(i - numM[1].length, i + 1)}'`;
      continue;
    }
    const idM = /^\$?[A-Za-z_.][A-Za-z0-9_.$]*/.exec(s.slice(i));
    if (idM) {
      out.push({ t: 'id', v: idM[0] });
      i += idM[0].length;
      continue;
    }
    const op = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||'].find((o) => s.startsWith(o, i)) ?? c;
    if (op.length === 1 && !'+-*/%&|^~!<>()?:'.includes(op)) return `unexpected character '${c}'`;
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end' });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly ctx: EvalContext) {}

  private peek(): Tok {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new EvalError(`expected '${v}'`);
    this.i++;
  }

  parse(): bigint {
    const v = this.ternary();
    if (this.peek().t !== 'end') throw new EvalError(`unexpected '${this.describe(this.peek())}'`);
    return v;
  }

  private describe(t: Tok): string {
    return t.t === 'end' ? 'end of expression' : String(t.v);
  }

  private ternary(): bigint {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.i++;
    const a = this.ternary();
    this.expect(':');
    const b = this.ternary();
    return c !== 0n ? a : b;
  }

  private static readonly LEVELS: string[][] = [
    ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
  ];

  private binary(level: number): bigint {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !Parser.LEVELS[level].includes(t.v)) return left;
      this.i++;
      const right = this.binary(level + 1);
      left = u64(apply(t.v, left, right));
    }
  }

  /** `(type*)` or `(type)` at the cursor: returns the type and whether it is a pointer. */
  private tryCast(): { size: number; signed: boolean; pointer: boolean } | undefined {
    if (!this.isOp('(')) return undefined;
    let j = this.i + 1;
    const words: string[] = [];
    const tokAt = (k: number) => this.toks[k] as { t: string; v?: unknown };
    while (tokAt(j).t === 'id') words.push(String(tokAt(j++).v));
    const type = TYPES[words.join(' ')];
    if (!type) return undefined;
    let pointer = false;
    if (tokAt(j).t === 'op' && tokAt(j).v === '*') { pointer = true; j++; }
    if (!(tokAt(j).t === 'op' && tokAt(j).v === ')')) return undefined;
    this.i = j + 1;
    return { ...type, pointer };
  }

  private unary(): bigint {
    const t = this.peek();
    if (t.t === 'op') {
      if (t.v === '-') { this.i++; return u64(-this.unary()); }
      if (t.v === '+') { this.i++; return this.unary(); }
      if (t.v === '~') { this.i++; return u64(~this.unary()); }
      if (t.v === '!') { this.i++; return this.unary() === 0n ? 1n : 0n; }
      if (t.v === '*') {
        this.i++;
        const cast = this.tryCast();
        if (cast) {
          if (!cast.pointer) throw new EvalError('dereference needs a pointer type, e.g. *(u64*)addr');
          return this.deref(this.unary(), cast.size, cast.signed);
        }
        return this.deref(this.unary(), 8, false);
      }
      const cast = this.tryCast();
      if (cast) {
        const v = this.unary();
        if (cast.pointer) return v;
        const bits = BigInt(cast.size * 8);
        return u64(cast.signed ? BigInt.asIntN(Number(bits), v) : BigInt.asUintN(Number(bits), v));
      }
    }
    return this.primary();
  }

  private deref(addr: bigint, size: number, signed: boolean): bigint {
    const v = this.ctx.readMemory(addr, size);
    if (v === undefined) throw new EvalError(`cannot read ${size} byte(s) at 0x${addr.toString(16)}`);
    return signed ? u64(BigInt.asIntN(size * 8, v)) : v;
  }

  private primary(): bigint {
    const t = this.peek();
    this.i++;
    if (t.t === 'num') return u64(t.v);
    if (t.t === 'id') {
      const name = t.v.startsWith('$') ? t.v.slice(1) : t.v;
      const v = this.ctx.lookup(name);
      if (v === undefined) throw new EvalError(`unknown name '${t.v}' (not a register, CSR, CSR field or symbol)`);
      return u64(v);
    }
    if (t.t === 'op' && t.v === '(') {
      const v = this.ternary();
      this.expect(')');
      return v;
    }
    throw new EvalError(t.t === 'end' ? 'expression ends too early' : `unexpected '${this.describe(t)}'`);
  }
}

class EvalError extends Error {}

function apply(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0n) throw new EvalError('division by zero'); return a / b;
    case '%': if (b === 0n) throw new EvalError('division by zero'); return a % b;
    case '<<': return b >= 64n ? 0n : a << b;
    case '>>': return b >= 64n ? 0n : a >> b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
  }
  throw new EvalError(`unknown operator ${op}`);
}

export function evaluate(text: string, ctx: EvalContext): EvalResult {
  if (text.trim() === '') return { ok: false, error: 'empty expression' };
  const toks = tokenize(text);
  if (typeof toks === 'string') return { ok: false, error: toks };
  try {
    return { ok: true, value: new Parser(toks, ctx).parse() };
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, error: e.message };
    return { ok: false, error: String(e) };
  }
}

/** Hex and, when it differs, signed decimal: `0xfffffffffffffff6 (-10)`. */
export function formatValue(v: bigint): string {
  const s = BigInt.asIntN(64, v);
  const hex = `0x${u64(v).toString(16)}`;
  if (s >= 0n && s < 10n) return s.toString();
  return `${hex} (${s.toString()})`;
}
