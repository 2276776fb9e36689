/**
 * Folding ranges: macro, .rept/.irp and .if blocks, sections, and runs of
 * comment lines.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Analysis } from '../analysis';

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const b of a.blocks) {
    if (b.endLine <= b.startLine) continue;
    out.push({ startLine: b.startLine, endLine: b.kind === 'section' ? b.endLine : b.endLine, kind: FoldingRangeKind.Region });
  }
  // runs of full-line `#` comments (not preprocessor lines of .S files)
  let run = -1;
  for (let i = 0; i <= a.lines.length; i++) {
    const isComment = i < a.lines.length && /^\s*#/.test(a.lines[i]) && !a.cppLines.has(i);
    if (isComment && run < 0) run = i;
    if (!isComment && run >= 0) {
      if (i - 1 > run) out.push({ startLine: run, endLine: i - 1, kind: FoldingRangeKind.Comment });
      run = -1;
    }
  }
  // block comments spanning lines
  let open = -1;
  for (let i = 0; i < a.lines.length; i++) {
    const l = a.lines[i];
    if (open < 0) {
      const s = l.indexOf('/*');
      if (s >= 0 && l.indexOf('*/', s + 2) < 0 && !l.slice(0, s).includes('#')) open = i;
    } else if (l.includes('*/')) {
      out.push({ startLine: open, endLine: i, kind: FoldingRangeKind.Comment });
      open = -1;
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}
