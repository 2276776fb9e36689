/**
 * Semantic tokens from the analysis' token classification, so themes color
 * registers, CSRs, labels, symbols and macros by what they are rather than
 * by a regular expression.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { Analysis, Tok } from '../analysis';
import type { Workspace } from '../workspace';

export const TOKEN_TYPES = ['keyword', 'function', 'macro', 'variable', 'property', 'enumMember', 'number', 'string', 'operator', 'parameter', 'label', 'type'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TT = (typeof TOKEN_TYPES)[number];
const T = (t: TT) => TOKEN_TYPES.indexOf(t);
const DECL = 1;
const READONLY = 2;
const LIB = 4;

function classify(t: Tok, defKinds: Map<string, string>): [number, number] | undefined {
  switch (t.kind) {
    case 'mnemonic': return [T('keyword'), 0];
    case 'directive': return [T('macro'), LIB];
    case 'macro': return [T('macro'), t.def ? DECL : 0];
    case 'register': return [T('variable'), t.key === 'reg:x0' ? READONLY | LIB : LIB];
    case 'csr': return [T('property'), LIB];
    case 'label': return [T('function'), DECL];
    case 'local-label': return [T('label'), DECL];
    case 'local-ref': return [T('label'), 0];
    case 'symbol': {
      if (t.def) return [T('enumMember'), DECL | READONLY];
      const k = t.key ? defKinds.get(t.key) : undefined;
      if (k === 'equ' || k === 'cpp') return [T('enumMember'), READONLY];
      return [T('function'), 0];
    }
    case 'number': return [T('number'), 0];
    case 'string': return [T('string'), 0];
    case 'operator': return [T('operator'), 0];
    case 'param': return [T('parameter'), t.def ? DECL : 0];
    case 'keyword': return [T('enumMember'), LIB];
    case 'reloc': return [T('function'), LIB];
    default: return undefined;
  }
}

export function semanticTokens(ws: Workspace, a: Analysis): SemanticTokens {
  const defKinds = new Map<string, string>();
  for (const p of ws.project(a.file)) for (const d of p.defs) if (d.tok.key) defKinds.set(d.tok.key, d.kind);
  for (const d of a.defs) if (d.kind === 'cpp') defKinds.set(`sym:${d.name}`, 'cpp');
  const data: number[] = [];
  let pl = 0;
  let pc = 0;
  for (const t of a.tokens) {
    const c = classify(t, defKinds);
    if (!c || t.end <= t.start) continue;
    const dl = t.line - pl;
    data.push(dl, dl === 0 ? t.start - pc : t.start, t.end - t.start, c[0], c[1]);
    pl = t.line;
    pc = t.start;
  }
  return { data };
}
