/**
 * Code lens on the entry symbol: run it, debug it, or compare it with the
 * reference (QEMU) — commands the extension implements.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../analysis';

export const LENS_COMMANDS = [
  { command: 'hyperstep.run', title: '▶ Run' },
  { command: 'hyperstep.debug', title: 'Debug' },
  { command: 'hyperstep.compare', title: 'Compare with QEMU' },
] as const;

export function codeLenses(a: Analysis, uri: string, entry?: string): CodeLens[] {
  const names = entry ? [entry] : ['_start', 'main'];
  for (const n of names) {
    const d = a.defs.find((x) => x.kind === 'label' && x.name === n);
    if (!d) continue;
    const range = { start: { line: d.tok.line, character: d.tok.start }, end: { line: d.tok.line, character: d.tok.end } };
    return LENS_COMMANDS.map((c) => ({ range, command: { title: c.title, command: c.command, arguments: [uri, n] } }));
  }
  return [];
}
