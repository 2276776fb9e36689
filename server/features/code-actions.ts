/**
 * Quick fixes: the assembler's "did you mean 'x'?" suggestions become one
 * edit each, replacing the diagnostic's range.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';

export function quickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const m = /did you mean (.*)\?\s*$/.exec(d.message);
    if (!m) continue;
    const names = [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
    names.forEach((n, i) => out.push({
      title: `Change to '${n}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: i === 0,
      edit: { changes: { [uri]: [{ range: d.range, newText: n }] } },
    }));
  }
  return out;
}
