/**
 * Inlay hints after each instruction: its section offset and the encoded
 * word(s), from the real assembly.
 */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import type { Workspace } from '../workspace';
import { hexWord, insnsAt, isPseudo } from './assembled';

export function inlayHints(ws: Workspace, a: Analysis, range: Range): InlayHint[] {
  const asm = ws.assembly(a.file);
  const out: InlayHint[] = [];
  for (const st of a.stmts) {
    if (st.line < range.start.line || st.line > range.end.line || st.kind !== 'insn' || st.inMacro) continue;
    const insns = insnsAt(asm, a.file, st.line, st.col, st.col + st.text.length, isPseudo(st));
    if (insns.length === 0) continue;
    const end = st.col + st.text.trimEnd().length;
    const words = insns.map(hexWord).join(' ');
    out.push({
      position: { line: st.line, character: end },
      label: `${insns[0].sectionName}+0x${insns[0].offset.toString(16)}: ${words}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
    });
  }
  return out;
}
