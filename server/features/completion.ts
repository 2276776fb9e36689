/**
 * Completion: at the start of a statement, mnemonics (with operand snippets
 * from the table syntax), macros and directives; in operands, what the slot
 * takes — registers of the right file, CSR names, labels and symbols; after
 * `.`, directives. Documentation is filled in by completionItem/resolve.
 */
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionList } from 'vscode-languageserver';
import { isIdentPart } from '../../engine/asm/lexer';
import { slotIndexAt, slotKinds, stmtAt, type Analysis } from '../analysis';
import {
  ALL_MNEMONICS, F_REGISTERS, OPERANDS, X_REGISTERS, csrCompletions, insnSpecs, operandLabel, parseSyntax, pseudoOperands, pseudoSpecs,
  type InsnSpec, type OperandKind,
} from '../engine-info';
import type { Workspace } from '../workspace';
import { describeCsrNumber, describeDirective, describeMnemonic, describeRegister } from './describe';
import { completableDirectives, directiveDoc } from './directives';

export interface ResolveData {
  k: 'mnemonic' | 'directive' | 'register' | 'csr';
  n: string;
  num?: number;
}

/** Snippet for a table entry's operands: `${1:rd}, ${2:imm}(${3:rs1})`. */
export function operandSnippet(spec: InsnSpec): string {
  const p = parseSyntax(spec.syntax);
  let s = '';
  let n = 1;
  for (let i = 0; i < p.kinds.length; i++) {
    if (p.optional[i]) break;
    s += p.seps[i].replace(/,/g, ', ');
    s += `\${${n++}:${operandLabel(p.kinds[i])}}`;
  }
  if (!p.optional.some((o) => o)) s += p.seps[p.kinds.length];
  return s;
}

/** The preferred form to offer: the first full-size real instruction, else any. */
function preferredSpec(name: string): InsnSpec | undefined {
  const specs = insnSpecs(name);
  return specs.find((s) => s.len === 4 && !s.alias) ?? specs.find((s) => s.len === 4) ?? specs[0];
}

let mnemonicItems: CompletionItem[] | undefined;

function mnemonicCompletions(): CompletionItem[] {
  if (mnemonicItems) return mnemonicItems;
  mnemonicItems = ALL_MNEMONICS.map((name) => {
    const spec = preferredSpec(name);
    const pseudo = pseudoSpecs(name)[0];
    let snippet: string;
    let detail: string;
    if (spec) {
      const ops = operandSnippet(spec);
      snippet = ops ? `${name} ${ops}` : name;
      detail = spec.summary;
    } else {
      const ops = pseudoOperands(pseudo.syntax).map((o, i) => `\${${i + 1}:${o}}`).join(', ');
      snippet = ops ? `${name} ${ops}` : name;
      detail = pseudo.summary;
    }
    return {
      label: name, kind: spec && !spec.alias ? CompletionItemKind.Keyword : CompletionItemKind.Function,
      detail, insertText: snippet, insertTextFormat: InsertTextFormat.Snippet,
      data: { k: 'mnemonic', n: name } satisfies ResolveData,
    };
  });
  return mnemonicItems;
}

function directiveCompletions(): CompletionItem[] {
  return completableDirectives().map((name) => {
    const d = directiveDoc(name);
    return {
      label: name, kind: CompletionItemKind.Keyword, detail: d ? `${name} ${d.syntax}` : undefined,
      insertText: d?.snippet ? `${name} ${d.snippet}` : name, insertTextFormat: InsertTextFormat.Snippet,
      data: { k: 'directive', n: name } satisfies ResolveData,
    };
  });
}

function registerCompletions(file: 'x' | 'f' | 'any'): CompletionItem[] {
  const out: CompletionItem[] = [];
  const add = (regs: typeof X_REGISTERS) => regs.forEach((r, i) => out.push({
    label: r.abi, kind: CompletionItemKind.Variable, detail: `${r.name} — ${r.role}`,
    sortText: `0${String(i).padStart(2, '0')}`, data: { k: 'register', n: r.abi } satisfies ResolveData,
  }));
  if (file !== 'f') add(X_REGISTERS);
  if (file !== 'x') add(F_REGISTERS);
  return out;
}

function csrItems(): CompletionItem[] {
  return csrCompletions().map((c) => ({
    label: c.name, kind: CompletionItemKind.Property,
    detail: `CSR 0x${c.num.toString(16).padStart(3, '0')}${c.info ? ` — ${c.info.description}` : ''}`,
    data: { k: 'csr', n: c.name, num: c.num } satisfies ResolveData,
  }));
}

function symbolCompletions(ws: Workspace, path: string, line: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const a of ws.project(path)) {
    for (const d of a.defs) {
      if (d.kind === 'macro') continue;
      if (d.kind === 'local') continue;
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      out.push({
        label: d.name,
        kind: d.kind === 'label' ? CompletionItemKind.Reference : CompletionItemKind.Constant,
        detail: d.kind === 'label' ? `label (${a.file === path ? `line ${d.tok.line + 1}` : a.file})` : `${d.kind === 'cpp' ? '#define' : '.equ'} ${d.name} = ${d.value ?? ''}`,
        sortText: `1${d.name}`,
      });
    }
  }
  // numeric local labels: the nearest before (Nb) and after (Nf)
  const a = ws.analysis(path);
  if (a) {
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    for (const d of a.defs) {
      if (d.kind !== 'local') continue;
      if (d.tok.line <= line) before.set(d.name, d.tok.line);
      else if (!after.has(d.name)) after.set(d.name, d.tok.line);
    }
    for (const [n, l] of before) out.push({ label: `${n}b`, kind: CompletionItemKind.Reference, detail: `local label ${n}: on line ${l + 1}`, sortText: `0${n}b` });
    for (const [n, l] of after) out.push({ label: `${n}f`, kind: CompletionItemKind.Reference, detail: `local label ${n}: on line ${l + 1}`, sortText: `0${n}f` });
  }
  return out;
}

function macroCompletions(ws: Workspace, path: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const a of ws.project(path)) for (const d of a.defs) {
    if (d.kind !== 'macro') continue;
    const params = d.params ?? [];
    out.push({
      label: d.name, kind: CompletionItemKind.Snippet, detail: `macro ${d.value ?? d.name}`,
      insertText: params.length ? `${d.name} ${params.map((p, i) => `\${${i + 1}:${p}}`).join(', ')}` : d.name,
      insertTextFormat: InsertTextFormat.Snippet,
      documentation: { kind: MarkupKind.Markdown, value: `Macro defined in ${a.file}:${d.tok.line + 1}` },
    });
  }
  return out;
}

/** Start column of the word (identifier characters, dots included) ending at ch. */
function wordStart(lineText: string, ch: number): number {
  let s = ch;
  while (s > 0 && (isIdentPart(lineText[s - 1]) || lineText[s - 1] === '\\')) s--;
  return s;
}

export function complete(ws: Workspace, path: string, line: number, ch: number): CompletionList {
  const a = ws.analysis(path);
  const list: CompletionList = { isIncomplete: false, items: [] };
  if (!a) return list;
  const lineText = a.lines[line] ?? '';
  if (ch > lineText.length) ch = lineText.length;
  const start = wordStart(lineText, ch);
  const word = lineText.slice(start, ch);
  const range = { start: { line, character: start }, end: { line, character: ch } };
  const withRange = (items: CompletionItem[]) => items.map((i) => ({ ...i, textEdit: { range, newText: (i.insertText ?? i.label) }, insertText: undefined }));
  // inside a comment: nothing
  const hash = lineText.indexOf('#');
  if (hash >= 0 && hash < start && !a.cppLines.has(line)) return list;
  const st = stmtAt(a, line, start);
  const atStart = !st || !st.op || st.op.start >= start || (st.op.line === line && st.op.end >= ch && st.op.start <= start);
  if (atStart) {
    if (word.startsWith('.')) list.items = withRange(directiveCompletions());
    else list.items = withRange([...mnemonicCompletions(), ...macroCompletions(ws, path), ...directiveCompletions()]);
    return list;
  }
  list.items = withRange(operandCompletions(ws, a, path, st!, line, ch));
  return list;
}

function operandCompletions(ws: Workspace, a: Analysis, path: string, st: NonNullable<ReturnType<typeof stmtAt>>, line: number, ch: number): CompletionItem[] {
  const op = st.op!;
  if (st.kind === 'insn') {
    const rel = (c: number) => c - st.col;
    const slot = slotIndexAt(st.text, rel(st.opsStart), rel(ch));
    const kinds = slotKinds(op.text.toLowerCase(), st.text, rel(st.opsStart));
    const kind: OperandKind | undefined = kinds?.[slot];
    if (kind) {
      const info = OPERANDS[kind];
      if (kind === 'csr') return csrItems();
      if (info.regFile) return registerCompletions(info.regFile);
      if (info.pcRelative) return symbolCompletions(ws, path, line);
      return [...symbolCompletions(ws, path, line), ...registerCompletions('x')];
    }
    return [...registerCompletions('any'), ...symbolCompletions(ws, path, line)];
  }
  if (st.kind === 'directive') {
    const n = op.text.toLowerCase();
    if (n === '.option') return ['rvc', 'norvc', 'push', 'pop', 'relax', 'norelax', 'pic', 'nopic', 'arch'].map((o) => ({ label: o, kind: CompletionItemKind.EnumMember }));
    if (n === '.include') return [];
    return symbolCompletions(ws, path, line);
  }
  return [...registerCompletions('any'), ...symbolCompletions(ws, path, line)];
}

export function resolveCompletion(item: CompletionItem): CompletionItem {
  const d = item.data as ResolveData | undefined;
  if (!d) return item;
  let doc: string | undefined;
  switch (d.k) {
    case 'mnemonic': doc = describeMnemonic(d.n); break;
    case 'directive': doc = describeDirective(d.n); break;
    case 'register': doc = describeRegister(d.n); break;
    case 'csr': doc = d.num !== undefined ? describeCsrNumber(d.num) : undefined; break;
  }
  if (doc) item.documentation = { kind: MarkupKind.Markdown, value: doc };
  return item;
}
