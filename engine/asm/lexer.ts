/**
 * Splits assembly source into statements the way GNU as reads it: `#` starts
 * a comment that runs to the end of the line, `/* … *\/` comments may span
 * lines, `;` separates statements, and none of these count inside string or
 * character literals. Comments are replaced by spaces so that columns in a
 * statement's text stay those of the source line.
 */

export interface SourceLine {
  file: string;
  line: number;      // 1-based
  /** Column (1-based) of text[0] in the source line. */
  col: number;
  text: string;
  /**
   * The line GNU as counts for this statement when that is not `line`: a
   * block comment's newlines are only counted at the end of the line where
   * the comment closes, so a statement after a multi-line comment's `*\/` is
   * numbered as the line where the comment opened (its DWARF line).
   */
  gnuLine?: number;
}

export interface LexProblem {
  file: string;
  line: number;
  col: number;
  endCol: number;
  message: string;
  code: string;
  /** GNU accepts some of these silently; we still warn. */
  severity?: 'error' | 'warning';
}

/** Splits `source` into statements; reports unterminated strings/comments. */
export function splitStatements(source: string, file: string, problems: LexProblem[]): SourceLine[] {
  const out: SourceLine[] = [];
  const lines = source.split(/\r?\n|\r/);
  let inBlock = false;
  let blockStart = { line: 0, col: 0 };
  // first line of a run of lines joined by block comments (GNU's line number for them)
  let runStart = 1;
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const lineNo = li + 1;
    if (!inBlock) runStart = lineNo;
    let cur = '';
    let curCol = 1;
    const chars = raw.split('');
    const push = (text: string) => {
      const l: SourceLine = { file, line: lineNo, col: curCol, text };
      if (runStart !== lineNo) l.gnuLine = runStart;
      out.push(l);
    };
    const flush = (nextCol: number) => {
      push(cur);
      cur = '';
      curCol = nextCol;
    };
    let i = 0;
    while (i < chars.length) {
      const c = chars[i];
      if (inBlock) {
        if (c === '*' && chars[i + 1] === '/') {
          inBlock = false;
          cur += '  ';
          i += 2;
        } else {
          cur += ' ';
          i++;
        }
        continue;
      }
      if (c === '/' && chars[i + 1] === '*') {
        inBlock = true;
        blockStart = { line: lineNo, col: i + 1 };
        cur += '  ';
        i += 2;
        continue;
      }
      if (c === '#') break;
      if (c === ';') {
        flush(i + 2);
        i++;
        continue;
      }
      if (c === '"') {
        // string literal: copy through the closing quote, honouring escapes
        let j = i + 1;
        let closed = false;
        while (j < chars.length) {
          if (chars[j] === '\\') {
            j += 2;
            continue;
          }
          if (chars[j] === '"') {
            closed = true;
            break;
          }
          j++;
        }
        if (!closed) {
          problems.push({ file, line: lineNo, col: i + 1, endCol: chars.length + 1, message: 'unterminated string', code: 'unterminated-string' });
          cur += chars.slice(i).join('');
          i = chars.length;
          break;
        }
        cur += chars.slice(i, j + 1).join('');
        i = j + 1;
        continue;
      }
      if (c === "'") {
        // character constant: 'c or '\n (an optional closing quote follows)
        if (chars[i + 1] === '\\') {
          cur += chars.slice(i, i + 3).join('');
          i += 3;
        } else {
          cur += chars.slice(i, i + 2).join('');
          i += 2;
        }
        continue;
      }
      cur += c;
      i++;
    }
    push(cur);
  }
  if (inBlock) {
    problems.push({ file, line: blockStart.line, col: blockStart.col, endCol: blockStart.col + 2, message: 'unterminated comment: `/*` has no matching `*/` (the rest of the file is a comment)', code: 'unterminated-comment', severity: 'warning' });
  }
  return out;
}

export function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '.' || c === '$';
}

export function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

export function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\f' || s[i] === '\v')) i++;
  return i;
}

/** Reads an identifier at i (or returns undefined). */
export function readIdent(s: string, i: number): { name: string; end: number } | undefined {
  if (i >= s.length || !isIdentStart(s[i])) return undefined;
  let j = i + 1;
  while (j < s.length && isIdentPart(s[j])) j++;
  return { name: s.slice(i, j), end: j };
}

/** Decodes a C-style escape at s[i] (just after the backslash). */
export function decodeEscape(s: string, i: number): { code: number; end: number } {
  const c = s[i];
  switch (c) {
    case 'n': return { code: 10, end: i + 1 };
    case 't': return { code: 9, end: i + 1 };
    case 'r': return { code: 13, end: i + 1 };
    case 'b': return { code: 8, end: i + 1 };
    case 'f': return { code: 12, end: i + 1 };
    case 'v': return { code: 11, end: i + 1 };
    case 'a': return { code: 7, end: i + 1 };
    case 'e': return { code: 27, end: i + 1 };
    case '\\': return { code: 92, end: i + 1 };
    case '"': return { code: 34, end: i + 1 };
    case "'": return { code: 39, end: i + 1 };
    case 'x':
    case 'X': {
      let j = i + 1;
      let v = 0;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j])) {
        v = (v * 16 + parseInt(s[j], 16)) & 0xff;
        j++;
      }
      return { code: v, end: j };
    }
    default:
      if (c !== undefined && c >= '0' && c <= '7') {
        let j = i;
        let v = 0;
        while (j < s.length && j < i + 3 && s[j] >= '0' && s[j] <= '7') {
          v = v * 8 + (s.charCodeAt(j) - 48);
          j++;
        }
        return { code: v & 0xff, end: j };
      }
      return { code: c === undefined ? 92 : c.charCodeAt(0) & 0xff, end: i + 1 };
  }
}

const utf8 = new TextEncoder();

/** Parses a string literal at s[i] === '"'; returns bytes and end index. */
export function parseStringLiteral(s: string, i: number): { bytes: number[]; end: number } | undefined {
  if (s[i] !== '"') return undefined;
  const bytes: number[] = [];
  let j = i + 1;
  while (j < s.length && s[j] !== '"') {
    if (s[j] === '\\') {
      const e = decodeEscape(s, j + 1);
      bytes.push(e.code);
      j = e.end;
    } else {
      const code = s.codePointAt(j) ?? 0;
      const ch = String.fromCodePoint(code);
      if (code < 0x80) bytes.push(code);
      else for (const b of utf8.encode(ch)) bytes.push(b);
      j += ch.length;
    }
  }
  if (j >= s.length) return undefined;
  return { bytes, end: j + 1 };
}
