/**
 * Document symbols (sections containing their labels and .equ symbols, and
 * macros) and workspace symbols (every definition in the open documents and
 * the files they include).
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Analysis, Def } from '../analysis';
import type { Workspace } from '../workspace';

const kindOf = (d: Def, a: Analysis): SymbolKind => {
  switch (d.kind) {
    case 'label': return a.globals.has(d.name) ? SymbolKind.Function : SymbolKind.Field;
    case 'equ': return SymbolKind.Constant;
    case 'macro': return SymbolKind.Method;
    case 'cpp': return SymbolKind.Constant;
    default: return SymbolKind.Key;
  }
};

const lineRange = (a: Analysis, from: number, to: number) => ({
  start: { line: from, character: 0 },
  end: { line: to, character: (a.lines[to] ?? '').length },
});

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const sections = a.blocks.filter((b) => b.kind === 'section').sort((x, y) => x.startLine - y.startLine);
  const top: DocumentSymbol[] = [];
  const containers = sections.map((s) => {
    const sym: DocumentSymbol = { name: s.name ?? 'section', kind: SymbolKind.Namespace, range: lineRange(a, s.startLine, s.endLine), selectionRange: lineRange(a, s.startLine, s.startLine), children: [] };
    top.push(sym);
    return { s, sym };
  });
  const defs = a.defs.filter((d) => d.kind !== 'local' && !(d.kind === 'label' && a.stmts[d.tok.stmt]?.inMacro));
  for (let i = 0; i < defs.length; i++) {
    const d = defs[i];
    // a label's range runs to the line before the next label (its "body")
    let end = d.tok.line;
    if (d.kind === 'label') {
      const next = defs.slice(i + 1).find((x) => x.kind === 'label');
      const sec = containers.find((c) => c.s.startLine <= d.tok.line && d.tok.line <= c.s.endLine);
      end = Math.max(d.tok.line, Math.min(next ? next.tok.line - 1 : a.lines.length - 1, sec ? sec.s.endLine : Infinity));
    } else if (d.kind === 'macro' && d.endLine !== undefined) end = d.endLine;
    const sym: DocumentSymbol = {
      name: d.name, kind: kindOf(d, a), detail: d.kind === 'equ' ? `= ${d.value ?? ''}` : d.kind === 'macro' ? `.macro ${d.value ?? ''}` : undefined,
      range: { start: { line: d.tok.line, character: 0 }, end: { line: end, character: (a.lines[end] ?? '').length } },
      selectionRange: { start: { line: d.tok.line, character: d.tok.start }, end: { line: d.tok.line, character: d.tok.end } },
    };
    const c = d.kind !== 'macro' ? containers.find((c) => c.s.startLine <= d.tok.line && d.tok.line <= c.s.endLine) : undefined;
    if (c) {
      // keep children inside the parent's range
      if (sym.range.end.line > c.s.endLine) sym.range = lineRange(a, d.tok.line, c.s.endLine);
      c.sym.children!.push(sym);
    } else top.push(sym);
  }
  return top.sort((x, y) => x.range.start.line - y.range.start.line);
}

/** Subsequence match, case-insensitive (what editors expect from a symbol query). */
function fuzzy(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

export function workspaceSymbols(ws: Workspace, query: string, uriOf: (p: string) => string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const p of ws.openPaths()) {
    for (const a of ws.closure(p)) {
      if (seen.has(a.file)) continue;
      seen.add(a.file);
      for (const d of a.defs) {
        if (d.kind === 'local' || !fuzzy(query, d.name)) continue;
        out.push({
          name: d.name, kind: kindOf(d, a), containerName: a.file.slice(a.file.lastIndexOf('/') + 1),
          location: { uri: uriOf(a.file), range: { start: { line: d.tok.line, character: d.tok.start }, end: { line: d.tok.line, character: d.tok.end } } },
        });
        if (out.length >= 1000) return out;
      }
    }
  }
  return out;
}
