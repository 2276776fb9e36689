/**
 * Go to definition, find references, rename and document highlights. Names
 * are matched by identity, not spelling: `x1` and `ra` are one register,
 * `mstatus` and `0x300` in a CSR operand one CSR, and `1b`/`1f` the exact
 * `1:` the assembler would pick.
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { tokenAt, type Tok } from '../analysis';
import type { Workspace } from '../workspace';

const rangeOf = (t: Tok): Range => ({ start: { line: t.line, character: t.start }, end: { line: t.line, character: t.end } });

function keyAt(ws: Workspace, path: string, line: number, ch: number): Tok | undefined {
  const a = ws.analysis(path);
  if (!a) return undefined;
  const t = tokenAt(a, line, ch);
  return t?.key ? t : undefined;
}

export function definition(ws: Workspace, path: string, line: number, ch: number, uriOf: (p: string) => string): Location[] {
  const t = keyAt(ws, path, line, ch);
  if (!t) return [];
  if (t.key!.startsWith('param:')) {
    const a = ws.analysis(path)!;
    const d = a.tokens.find((x) => x.key === t.key && x.def);
    return d ? [{ uri: uriOf(path), range: rangeOf(d) }] : [];
  }
  return ws.definitions(path, t.key!).map((d) => ({ uri: uriOf(d.file), range: rangeOf(d.tok) }));
}

export function references(ws: Workspace, path: string, line: number, ch: number, includeDeclaration: boolean, uriOf: (p: string) => string): Location[] {
  const t = keyAt(ws, path, line, ch);
  if (!t) return [];
  return ws.references(path, t.key!)
    .filter((r) => includeDeclaration || !r.tok.def)
    .map((r) => ({ uri: uriOf(r.file), range: rangeOf(r.tok) }));
}

export function highlights(ws: Workspace, path: string, line: number, ch: number): DocumentHighlight[] {
  const a = ws.analysis(path);
  const t = keyAt(ws, path, line, ch);
  if (!a || !t) return [];
  return a.tokens.filter((x) => x.key === t.key).map((x) => ({ range: rangeOf(x), kind: x.def ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

const RENAMABLE = /^(sym|macro|local|param):/;

export function prepareRename(ws: Workspace, path: string, line: number, ch: number): { range: Range; placeholder: string } | null {
  const t = keyAt(ws, path, line, ch);
  if (!t || !RENAMABLE.test(t.key!)) return null;
  // only names this project defines can be renamed (not external symbols)
  if (t.key!.startsWith('sym:') || t.key!.startsWith('macro:')) {
    if (ws.definitions(path, t.key!).filter((d) => d.kind !== 'cpp').length === 0) return null;
  }
  if (t.kind === 'local-ref') return { range: { start: { line: t.line, character: t.start }, end: { line: t.line, character: t.end - 1 } }, placeholder: t.text.slice(0, -1) };
  const text = t.kind === 'param' ? t.text.replace(/^\\/, '') : t.text;
  const start = t.kind === 'param' && t.text.startsWith('\\') ? t.start + 1 : t.start;
  return { range: { start: { line: t.line, character: start }, end: { line: t.line, character: t.end } }, placeholder: text };
}

export class RenameError extends Error {}

export function rename(ws: Workspace, path: string, line: number, ch: number, newName: string, uriOf: (p: string) => string): WorkspaceEdit {
  const t = keyAt(ws, path, line, ch);
  if (!t || !RENAMABLE.test(t.key!) || !prepareRename(ws, path, line, ch)) throw new RenameError('only labels, symbols, macros and macro parameters can be renamed');
  const local = t.key!.startsWith('local:');
  if (local ? !/^[0-9]+$/.test(newName) : !/^[A-Za-z_.$][\w.$]*$/.test(newName)) {
    throw new RenameError(local ? `'${newName}' is not a numeric local label` : `'${newName}' is not a valid symbol name`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const r of ws.references(path, t.key!)) {
    const x = r.tok;
    let range = rangeOf(x);
    if (x.kind === 'local-ref') range = { start: range.start, end: { line: x.line, character: x.end - 1 } };
    if (x.kind === 'param' && x.text.startsWith('\\')) range = { start: { line: x.line, character: x.start + 1 }, end: range.end };
    (changes[uriOf(r.file)] ??= []).push({ range, newText: newName });
  }
  return { changes };
}
