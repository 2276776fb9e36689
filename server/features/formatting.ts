/**
 * Formatting in aligned columns: labels at the margin, mnemonics and
 * directives at one indent, operands in one column (", " between an
 * instruction's operands), trailing comments in one column. Idempotent.
 * Lines it cannot safely reflow (several statements, block comments,
 * preprocessor lines) are left as they are, and the result is assembled
 * before being offered: if the bytes or the diagnostics differ from the
 * original's, no edit is made.
 */
import type { TextEdit } from 'vscode-languageserver';
import { assemble } from '../../engine/asm/index';
import { analyse, prepareSource, splitTop, type Analysis, type Stmt } from '../analysis';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** Reads included files (for the byte comparison). */
  readFile?: (path: string) => string | undefined;
  march?: string;
}

const MAX_COMMENT_COLUMN = 48;

/** The formatted text of a whole document. */
export function formatText(a: Analysis, opts: FormatOptions): string[] {
  const indent = opts.insertSpaces ? ' '.repeat(Math.max(1, Math.min(opts.tabSize || 4, 16))) : '\t';
  const indentWidth = opts.insertSpaces ? indent.length : Math.max(1, opts.tabSize || 8);
  const byLine = new Map<number, Stmt[]>();
  for (const st of a.stmts) {
    let l = byLine.get(st.line);
    if (!l) byLine.set(st.line, (l = []));
    l.push(st);
  }
  let opWidth = 0;
  for (const st of a.stmts) if (st.op && st.kind !== 'assign') opWidth = Math.max(opWidth, Math.min(st.op.text.length, 12));
  // with spaces, the code column also clears short labels written on the code's line
  let codeCol = indentWidth;
  if (opts.insertSpaces) {
    for (const st of a.stmts) {
      if (!st.op || st.labels.length === 0) continue;
      const w = st.labels.map((l) => l.text.length + 1).reduce((x, y) => x + y + 1, -1) + 1;
      if (w <= 16) codeCol = Math.max(codeCol, w);
    }
  }
  const codeIndent = opts.insertSpaces ? ' '.repeat(codeCol) : indent;
  const out: string[] = [];
  const code: { line: number; code: string; comment?: string }[] = [];
  let inBlockComment = false;
  for (let i = 0; i < a.lines.length; i++) {
    const raw = a.lines[i];
    const sts = byLine.get(i) ?? [];
    const startsInComment = inBlockComment;
    inBlockComment = blockCommentState(raw, inBlockComment);
    if (startsInComment || hasBlockComment(raw) || a.cppLines.has(i) || sts.length > 1 || raw.length > 2000) {
      out.push(startsInComment ? raw : raw.trimEnd());
      continue;
    }
    if (sts.length === 0) {
      const t = raw.trim();
      if (t === '') out.push('');
      else if (t.startsWith('#')) out.push(/^\s/.test(raw) ? codeIndent + t : t);
      else out.push(raw.trimEnd());
      continue;
    }
    const st = sts[0];
    if (st.kind === 'bad') {
      out.push(raw.trimEnd());
      continue;
    }
    const rest = raw.slice(st.col + st.text.length);
    const comment = rest.trimStart().startsWith('#') ? rest.trim() : undefined;
    if (rest.trim() !== '' && comment === undefined) {
      out.push(raw.trimEnd());
      continue;
    }
    const line = formatStatement(st, codeIndent, opts.insertSpaces ? codeCol : indentWidth, opWidth);
    code.push({ line: out.length, code: line, comment });
    out.push(line);
  }
  // trailing comments: one column past the longest code line that has one (capped)
  let col = 0;
  for (const c of code) if (c.comment !== undefined && visualWidth(c.code, indentWidth) < MAX_COMMENT_COLUMN) col = Math.max(col, visualWidth(c.code, indentWidth) + 1);
  for (const c of code) {
    if (c.comment === undefined) continue;
    const w = visualWidth(c.code, indentWidth);
    out[c.line] = c.code === '' ? c.comment : c.code + ' '.repeat(Math.max(1, col - w)) + c.comment;
  }
  return out;
}

function visualWidth(s: string, tab: number): number {
  let w = 0;
  for (const c of s) w = c === '\t' ? w + tab - (w % tab) : w + 1;
  return w;
}

function hasBlockComment(raw: string): boolean {
  return stripStrings(raw).includes('/*') || stripStrings(raw).includes('*/');
}

function blockCommentState(raw: string, inside: boolean): boolean {
  const s = stripStrings(raw);
  let i = 0;
  for (;;) {
    if (inside) {
      const e = s.indexOf('*/', i);
      if (e < 0) return true;
      inside = false;
      i = e + 2;
    } else {
      const h = s.indexOf('#', i);
      const b = s.indexOf('/*', i);
      if (b < 0 || (h >= 0 && h < b)) return false;
      inside = true;
      i = b + 2;
    }
  }
}

function stripStrings(raw: string): string {
  return raw.replace(/"(?:[^"\\]|\\.)*"?/g, (m) => ' '.repeat(m.length));
}

function formatStatement(st: Stmt, indent: string, indentWidth: number, opWidth: number): string {
  let s = '';
  if (st.labels.length) s = st.labels.map((l) => `${l.text}:`).join(' ');
  if (!st.op) return s;
  const body = formatBody(st, opWidth);
  if (s === '') return indent + body;
  return s.length < indentWidth ? s + ' '.repeat(indentWidth - s.length) + body : `${s} ${body}`;
}

function formatBody(st: Stmt, opWidth: number): string {
  const op = st.op!;
  const rel = (c: number) => c - st.col;
  if (st.kind === 'assign') return st.text.slice(rel(op.start)).trim().replace(/\s*=\s*/, ' = ');
  const name = op.text;
  const operandsText = st.text.slice(rel(st.opsStart)).trim();
  if (operandsText === '') return name;
  let ops: string;
  if (st.kind === 'insn' && !st.inMacro) {
    ops = splitTop(st.text, rel(st.opsStart)).map((o) => o.text.trim()).join(', ').trimEnd();
  } else ops = operandsText;
  return name.padEnd(opWidth) + ' ' + ops;
}

/** Edits turning the document into its formatted form; [] if nothing changes or bytes would. */
export function formatDocument(a: Analysis, opts: FormatOptions): TextEdit[] {
  const formatted = formatText(a, opts);
  const edits: TextEdit[] = [];
  for (let i = 0; i < a.lines.length; i++) {
    if (formatted[i] !== a.lines[i]) {
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: a.lines[i].length } }, newText: formatted[i] });
    }
  }
  if (edits.length === 0) return [];
  const eol = /\r\n/.test(a.text) ? '\r\n' : /\r/.test(a.text) ? '\r' : '\n';
  if (!sameAssembly(a.text, formatted.join(eol), a.file, opts)) return [];
  return edits;
}

/** Whether two sources assemble to identical sections and the same diagnostics. */
export function sameAssembly(before: string, after: string, file: string, opts: Pick<FormatOptions, 'readFile' | 'march'>): boolean {
  const run = (t: string) => assemble(prepareSource(t, file), { file, march: opts.march, readFile: opts.readFile });
  const x = run(before);
  const y = run(after);
  if (x.diagnostics.length !== y.diagnostics.length) return false;
  for (let i = 0; i < x.diagnostics.length; i++) if (x.diagnostics[i].message !== y.diagnostics[i].message) return false;
  if (x.object.sections.length !== y.object.sections.length) return false;
  for (let i = 0; i < x.object.sections.length; i++) {
    const p = x.object.sections[i];
    const q = y.object.sections[i];
    if (p.name !== q.name || p.size !== q.size || p.data.length !== q.data.length || p.relocs.length !== q.relocs.length) return false;
    for (let k = 0; k < p.data.length; k++) if (p.data[k] !== q.data[k]) return false;
    for (let k = 0; k < p.relocs.length; k++) if (p.relocs[k].offset !== q.relocs[k].offset || p.relocs[k].type !== q.relocs[k].type || p.relocs[k].addend !== q.relocs[k].addend) return false;
  }
  const names = (o: typeof x.object) => o.symbols.map((s) => `${s.name}:${String(s.section)}:${s.value}`).join(',');
  return names(x.object) === names(y.object);
}

/** Formats text directly (tests and the CLI-free check). */
export function formatSource(text: string, file: string, opts: FormatOptions): string {
  const a = analyse(text, file);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  return formatText(a, opts).join(eol);
}
