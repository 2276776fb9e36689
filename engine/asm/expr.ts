/**
 * Expression syntax of GNU as, parsed to a tree. Evaluation happens in the
 * assembler (it needs symbols and the current location). Operator precedence
 * follows GNU as, highest first:
 *   unary - ~ ! +
 *   * / % << >>
 *   | & ^ !        (binary ! is "or not")
 *   + -
 *   == != <> < > <= >=   (true is -1, false 0)
 *   &&
 *   ||
 */
import { decodeEscape, isIdentPart, isIdentStart, skipSpaces } from './lexer';

export type RelocOp =
  | 'hi' | 'lo' | 'pcrel_hi' | 'pcrel_lo' | 'got_pcrel_hi' | 'tprel_hi' | 'tprel_lo' | 'tprel_add'
  | 'tls_ie_pcrel_hi' | 'tls_gd_pcrel_hi';

export const RELOC_OPS: readonly RelocOp[] = [
  'hi', 'lo', 'pcrel_hi', 'pcrel_lo', 'got_pcrel_hi', 'tprel_hi', 'tprel_lo', 'tprel_add', 'tls_ie_pcrel_hi', 'tls_gd_pcrel_hi',
];

export type Expr =
  | { k: 'num'; v: bigint; start: number; end: number; big?: boolean }
  | { k: 'sym'; name: string; start: number; end: number }
  /** Numeric local label reference `1b` / `1f`. */
  | { k: 'local'; n: number; dir: 'b' | 'f'; start: number; end: number }
  | { k: 'dot'; start: number; end: number }
  | { k: 'un'; op: '-' | '~' | '!' | '+'; e: Expr; start: number; end: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr; start: number; end: number }
  | { k: 'reloc'; op: RelocOp; e: Expr; start: number; end: number };

export class ExprError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

const BIN_PREC: Record<string, number> = {
  '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5,
  '|': 4, '&': 4, '^': 4, '!': 4,
  '+': 3, '-': 3,
  '==': 2, '!=': 2, '<>': 2, '<': 2, '>': 2, '<=': 2, '>=': 2,
  '&&': 1, '||': 0,
};

function readBinOp(s: string, i: number): string | undefined {
  const two = s.slice(i, i + 2);
  if (['<<', '>>', '==', '!=', '<>', '<=', '>=', '&&', '||'].includes(two)) return two;
  const one = s[i];
  if ('*/%|&^!+-<>'.includes(one) && one !== undefined && one !== '') return one;
  return undefined;
}

/**
 * Parses an expression starting at s[i]. Stops at the first character that
 * cannot continue the expression (a comma, a `(` after an operand, …).
 */
export function parseExpr(s: string, i: number): { e: Expr; end: number } {
  return parseBin(s, i, 0);
}

function parseBin(s: string, i: number, minPrec: number): { e: Expr; end: number } {
  let { e: left, end } = parseUnary(s, i);
  for (;;) {
    const j = skipSpaces(s, end);
    const op = readBinOp(s, j);
    if (op === undefined) break;
    const prec = BIN_PREC[op];
    if (prec < minPrec) break;
    const rhs = parseBin(s, j + op.length, prec + 1);
    left = { k: 'bin', op, l: left, r: rhs.e, start: left.start, end: rhs.end };
    end = rhs.end;
  }
  return { e: left, end };
}

function parseUnary(s: string, i: number): { e: Expr; end: number } {
  i = skipSpaces(s, i);
  const c = s[i];
  if (c === '-' || c === '~' || c === '!' || c === '+') {
    const inner = parseUnary(s, i + 1);
    return { e: { k: 'un', op: c, e: inner.e, start: i, end: inner.end }, end: inner.end };
  }
  return parsePrimary(s, i);
}

function parsePrimary(s: string, i: number): { e: Expr; end: number } {
  i = skipSpaces(s, i);
  const c = s[i];
  if (c === undefined || c === '') throw new ExprError('missing expression', i, i + 1);
  if (c === '(') {
    const inner = parseBin(s, i + 1, 0);
    const j = skipSpaces(s, inner.end);
    if (s[j] !== ')') throw new ExprError("missing ')'", i, j + 1);
    // keep the inner node but widen its range to the parentheses
    return { e: { ...inner.e, start: i, end: j + 1 } as Expr, end: j + 1 };
  }
  if (c === '%') {
    const m = /^%([a-z_]+)\s*\(/i.exec(s.slice(i));
    if (m) {
      const op = m[1].toLowerCase() as RelocOp;
      if (!RELOC_OPS.includes(op)) throw new ExprError(`unknown relocation operator '%${m[1]}'`, i, i + 1 + m[1].length);
      const inner = parseBin(s, i + m[0].length, 0);
      const j = skipSpaces(s, inner.end);
      if (s[j] !== ')') throw new ExprError("missing ')'", i, j + 1);
      return { e: { k: 'reloc', op, e: inner.e, start: i, end: j + 1 }, end: j + 1 };
    }
    throw new ExprError(`bad relocation operator`, i, i + 1);
  }
  if (c === "'") {
    if (s[i + 1] === '\\') {
      const esc = decodeEscape(s, i + 2);
      let end = esc.end;
      if (s[end] === "'") end++;
      return { e: { k: 'num', v: BigInt(esc.code), start: i, end }, end };
    }
    if (i + 1 >= s.length) throw new ExprError('missing character in character constant', i, i + 1);
    let end = i + 2;
    if (s[end] === "'") end++;
    return { e: { k: 'num', v: BigInt(s.charCodeAt(i + 1) & 0xff), start: i, end }, end };
  }
  if (c >= '0' && c <= '9') return parseNumber(s, i);
  if (isIdentStart(c)) {
    let j = i + 1;
    while (j < s.length && isIdentPart(s[j])) j++;
    const name = s.slice(i, j);
    if (name === '.') return { e: { k: 'dot', start: i, end: j }, end: j };
    return { e: { k: 'sym', name, start: i, end: j }, end: j };
  }
  if (c === '"') throw new ExprError('unexpected string', i, i + 1);
  throw new ExprError(`unexpected '${c}' in expression`, i, i + 1);
}

function parseNumber(s: string, i: number): { e: Expr; end: number } {
  let j = i;
  const rest = s.slice(i);
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)/.exec(rest))) {
    j = i + m[0].length;
    if (j < s.length && isIdentPart(s[j])) throw new ExprError(`bad number '${s.slice(i, j + 1)}'`, i, j + 1);
    return { e: num(BigInt('0x' + m[1]), i, j), end: j };
  }
  if ((m = /^0[bB]([01]+)/.exec(rest)) && !(i + m[0].length < s.length && isIdentPart(s[i + m[0].length]))) {
    j = i + m[0].length;
    return { e: num(BigInt('0b' + m[1]), i, j), end: j };
  }
  m = /^[0-9]+/.exec(rest)!;
  j = i + m[0].length;
  const digits = m[0];
  if ((s[j] === 'b' || s[j] === 'f' || s[j] === 'B' || s[j] === 'F') && !(j + 1 < s.length && isIdentPart(s[j + 1]))) {
    return { e: { k: 'local', n: parseInt(digits, 10), dir: s[j].toLowerCase() as 'b' | 'f', start: i, end: j + 1 }, end: j + 1 };
  }
  if (j < s.length && isIdentPart(s[j])) throw new ExprError(`bad number '${s.slice(i, j + 1)}'`, i, j + 1);
  let v: bigint;
  if (digits.length > 1 && digits[0] === '0') {
    if (/[89]/.test(digits)) throw new ExprError(`bad octal number '${digits}'`, i, j);
    v = BigInt('0o' + digits.slice(1));
  } else v = BigInt(digits);
  return { e: num(v, i, j), end: j };
}

/** Constants wider than 64 bits are kept truncated and flagged: GNU
 * truncates them in data (with a warning) and rejects them in instructions. */
function num(v: bigint, start: number, end: number): Expr {
  const e: Expr = { k: 'num', v: BigInt.asIntN(64, v), start, end };
  if (v >= 1n << 64n) e.big = true;
  return e;
}

/** Folds an expression with only numbers (no symbols); undefined if not constant. */
export function foldConstant(e: Expr): bigint | undefined {
  switch (e.k) {
    case 'num': return e.v;
    case 'un': {
      const v = foldConstant(e.e);
      return v === undefined ? undefined : applyUnary(e.op, v);
    }
    case 'bin': {
      const l = foldConstant(e.l);
      const r = foldConstant(e.r);
      if (l === undefined || r === undefined) return undefined;
      return applyBinary(e.op, l, r);
    }
    default: return undefined;
  }
}

export function applyUnary(op: string, v: bigint): bigint {
  switch (op) {
    case '-': return BigInt.asIntN(64, -v);
    case '~': return BigInt.asIntN(64, ~v);
    case '!': return v === 0n ? 1n : 0n;
    default: return v;
  }
}

/** Binary operator on 64-bit values; throws RangeError on division by zero. */
export function applyBinary(op: string, l: bigint, r: bigint): bigint {
  const w = (x: bigint) => BigInt.asIntN(64, x);
  switch (op) {
    case '+': return w(l + r);
    case '-': return w(l - r);
    case '*': return w(l * r);
    case '/': if (r === 0n) throw new RangeError('division by zero'); return w(l / r);
    case '%': if (r === 0n) throw new RangeError('division by zero'); return w(l % r);
    case '<<': return r < 0n || r > 63n ? 0n : w(l << r);
    case '>>': return r < 0n || r > 63n ? 0n : w(BigInt.asUintN(64, l) >> r);
    case '|': return w(l | r);
    case '&': return w(l & r);
    case '^': return w(l ^ r);
    case '!': return w(l | ~r);
    case '==': return l === r ? -1n : 0n;
    case '!=': case '<>': return l !== r ? -1n : 0n;
    case '<': return l < r ? -1n : 0n;
    case '>': return l > r ? -1n : 0n;
    case '<=': return l <= r ? -1n : 0n;
    case '>=': return l >= r ? -1n : 0n;
    case '&&': return l !== 0n && r !== 0n ? 1n : 0n;
    case '||': return l !== 0n || r !== 0n ? 1n : 0n;
    default: throw new RangeError(`unknown operator ${op}`);
  }
}
