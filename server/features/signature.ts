/**
 * Signature help inside an instruction's operands: every form of the
 * mnemonic from the table (and its pseudo forms), the one whose operand
 * count fits the text active, the operand under the cursor highlighted.
 */
import type { ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver';
import { slotIndexAt, stmtAt } from '../analysis';
import { insnSpecs, operandDoc, operandLabel, parseSyntax, pseudoOperands, pseudoSpecs } from '../engine-info';
import type { Workspace } from '../workspace';

export function signatureHelp(ws: Workspace, path: string, line: number, ch: number): SignatureHelp | null {
  const a = ws.analysis(path);
  if (!a) return null;
  const st = stmtAt(a, line, ch);
  if (!st || st.kind !== 'insn' || !st.op || ch <= st.op.end) return null;
  const name = st.op.text.toLowerCase();
  const rel = (c: number) => c - st.col;
  const slot = slotIndexAt(st.text, rel(st.opsStart), rel(ch));
  const total = slotIndexAt(st.text, rel(st.opsStart), st.text.length) + 1;
  const sigs: SignatureInformation[] = [];
  const counts: number[] = [];
  const seen = new Set<string>();
  for (const s of insnSpecs(name)) {
    const p = parseSyntax(s.syntax);
    let label = `${name} `;
    const params: ParameterInformation[] = [];
    for (let i = 0; i < p.kinds.length; i++) {
      label += p.seps[i].replace(/,/g, ', ');
      const text = operandLabel(p.kinds[i]) + (p.optional[i] ? '?' : '');
      params.push({ label: [label.length, label.length + text.length], documentation: operandDoc(p.kinds[i]) });
      label += text;
    }
    label += p.seps[p.kinds.length];
    label = label.trimEnd();
    if (seen.has(label)) continue;
    seen.add(label);
    sigs.push({ label, documentation: s.summary + (s.len === 2 ? ' (16-bit)' : ''), parameters: params });
    counts.push(p.kinds.length);
  }
  for (const ps of pseudoSpecs(name)) {
    let label = `${name} `;
    const params: ParameterInformation[] = [];
    const ops = pseudoOperands(ps.syntax);
    ops.forEach((o, i) => {
      if (i > 0) label += ', ';
      params.push({ label: [label.length, label.length + o.length] });
      label += o;
    });
    if (seen.has(label)) continue;
    seen.add(label);
    sigs.push({ label, documentation: `${ps.summary} (pseudo-instruction)`, parameters: params });
    counts.push(ops.length);
  }
  if (sigs.length === 0) return null;
  let active = counts.findIndex((c) => c === total);
  if (active < 0) active = counts.findIndex((c) => c > slot);
  if (active < 0) active = 0;
  return { signatures: sigs, activeSignature: active, activeParameter: slot };
}
