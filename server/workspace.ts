/**
 * The documents the server knows (open ones, and files reached through
 * `.include`), their analyses and their last assembly. Files are named by
 * path (what the assembler and `.include` use); URIs are converted at the
 * edge. Reading from disk goes through a `FileReader` so tests can run the
 * features without a file system.
 */
import { assemble, type AssembleResult } from '../engine/asm/index';
import type { Diagnostic as AsmDiagnostic } from '../engine/asm/diagnostics';
import { analyse, literalValue, prepareSource, type Analysis, type Def, type Tok } from './analysis';

export interface FileReader {
  (path: string): string | undefined;
}

export interface ServerSettings {
  march?: string;
  /** Virtualization technique whose view hints are given for (overridden by `# hyperstep: mode=…`). */
  mode?: string;
  /** Entry symbol for the code lens (default _start, then main). */
  entry?: string;
  inlayHints?: boolean;
  /** Milliseconds to wait after the last change before re-assembling. */
  diagnosticsDelay?: number;
}

interface Entry {
  text: string;
  version: number;
  open: boolean;
  analysis?: Analysis;
  analysisKey?: string;
  asm?: AssembleResult;
  asmKey?: string;
}

/** Most output bytes one directive may ask for before the server declines to assemble (16 MiB). */
const MAX_OUTPUT_BYTES = 16n << 20n;

/** Largest file read through `.include` (bigger ones are treated as missing). */
const MAX_INCLUDE_BYTES = 8 << 20;

export class Workspace {
  private files = new Map<string, Entry>();
  private generation = 0;
  settings: ServerSettings = {};

  constructor(private readonly reader: FileReader = () => undefined) {}

  open(path: string, text: string, version: number): void {
    this.files.set(path, { text, version, open: true });
    this.generation++;
  }

  update(path: string, text: string, version: number): void {
    const e = this.files.get(path);
    if (e) {
      e.text = text;
      e.version = version;
      e.analysis = undefined;
      e.asm = undefined;
    } else this.files.set(path, { text, version, open: true });
    this.generation++;
  }

  close(path: string): void {
    this.files.delete(path);
    this.generation++;
  }

  isOpen(path: string): boolean {
    return this.files.get(path)?.open ?? false;
  }

  openPaths(): string[] {
    return [...this.files.entries()].filter(([, e]) => e.open).map(([p]) => p);
  }

  version(path: string): number | undefined {
    return this.files.get(path)?.version;
  }

  /** Text of a file: the open document, else the disk. */
  read(path: string): string | undefined {
    const e = this.files.get(path);
    if (e) return e.text;
    let text: string | undefined;
    try {
      text = this.reader(path);
    } catch {
      text = undefined;
    }
    if (text === undefined || text.length > MAX_INCLUDE_BYTES) return undefined;
    this.files.set(path, { text, version: -1, open: false });
    return text;
  }

  /** Forget files read from disk (they may have changed). */
  invalidateDisk(): void {
    for (const [p, e] of this.files) if (!e.open) this.files.delete(p);
    this.generation++;
  }

  /** The analysis of a file, with macros from the files it includes known. */
  analysis(path: string): Analysis | undefined {
    return this.analysisOf(path, new Set());
  }

  private analysisOf(path: string, visiting: Set<string>): Analysis | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    const e = this.files.get(path)!;
    const key = `${e.version}:${this.generation}`;
    if (e.analysis && e.analysisKey === key) return e.analysis;
    if (visiting.has(path) || visiting.size > 32) return undefined;
    visiting.add(path);
    // first pass without external macros to find the includes
    let a = analyse(text, path);
    if (a.includes.length > 0) {
      const macros = new Set<string>();
      for (const inc of a.includes) {
        const sub = this.analysisOf(inc.path, visiting);
        if (sub) for (const d of sub.defs) if (d.kind === 'macro') macros.add(d.name);
        if (sub) for (const m of this.macrosOfClosure(sub, visiting)) macros.add(m);
      }
      if (macros.size > 0) a = analyse(text, path, { externalMacros: macros });
    }
    visiting.delete(path);
    e.analysis = a;
    e.analysisKey = key;
    return a;
  }

  private macrosOfClosure(a: Analysis, visiting: Set<string>): string[] {
    const out: string[] = [];
    for (const inc of a.includes) {
      if (visiting.has(inc.path)) continue;
      const sub = this.analysisOf(inc.path, visiting);
      if (sub) for (const d of sub.defs) if (d.kind === 'macro') out.push(d.name);
    }
    return out;
  }

  /** A file and everything it includes, transitively (the file first). */
  closure(path: string): Analysis[] {
    const out: Analysis[] = [];
    const seen = new Set<string>();
    const walk = (p: string) => {
      if (seen.has(p) || seen.size > 64) return;
      seen.add(p);
      const a = this.analysis(p);
      if (!a) return;
      out.push(a);
      for (const inc of a.includes) walk(inc.path);
    };
    walk(path);
    return out;
  }

  /**
   * The files that belong together with `path`: its own closure plus the
   * closures of open documents that include it. A label defined in an
   * included file is renamed in its includers too.
   */
  project(path: string): Analysis[] {
    const byFile = new Map<string, Analysis>();
    for (const a of this.closure(path)) byFile.set(a.file, a);
    for (const p of this.openPaths()) {
      if (p === path) continue;
      const c = this.closure(p);
      if (c.some((a) => a.file === path)) for (const a of c) byFile.set(a.file, a);
    }
    return [...byFile.values()];
  }

  /** The file's own assembly (cached until it or the workspace changes). */
  assembly(path: string): AssembleResult | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    const e = this.files.get(path)!;
    const key = `${e.version}:${this.generation}:${this.settings.march ?? ''}`;
    if (e.asm && e.asmKey === key) return e.asm;
    const a = this.analysis(path);
    const march = a?.settings.get('march') ?? this.settings.march;
    const huge = a ? this.oversized(path) : undefined;
    if (huge) {
      e.asm = { object: { sections: [], symbols: [], lines: [], eflags: 0, arch: '', sourceFile: path }, diagnostics: [huge] };
      e.asmKey = key;
      return e.asm;
    }
    e.asm = assemble(prepareSource(text, path), {
      file: path,
      march,
      readFile: (p) => {
        const t = this.read(p);
        return t === undefined ? undefined : prepareSource(t, p);
      },
    });
    e.asmKey = key;
    return e.asm;
  }

  /**
   * A directive in the file or its includes that asks for more output than the
   * server will let the in-process assembler build (it would exhaust memory
   * and take the server down): reported instead of assembling.
   */
  private oversized(path: string): AsmDiagnostic | undefined {
    for (const a of this.closure(path)) {
      for (const st of a.stmts) {
        if (st.kind !== 'directive' || !st.op) continue;
        const n = st.op.text.toLowerCase();
        const v = st.operands.map((o) => literalValue(o.text.trim()));
        const bytes = (() => {
          if (/^\.(p2align[wl]?|align)$/.test(n)) return v[0] !== undefined && v[0] < 64n ? 1n << v[0] : v[0];
          if (/^\.balign[wl]?$/.test(n)) return v[0];
          if (n === '.space' || n === '.skip' || n === '.zero') return v[0];
          if (n === '.fill') return v[0] !== undefined ? v[0] * (v[1] ?? 1n) : undefined;
          if (n === '.rept') return v[0] !== undefined ? v[0] * 4n : undefined;
          return undefined;
        })();
        if (bytes !== undefined && bytes > MAX_OUTPUT_BYTES) {
          return {
            file: a.file, range: { start: { line: st.line + 1, column: st.op.start + 1 }, end: { line: st.line + 1, column: st.col + st.text.trimEnd().length + 1 } },
            severity: 'error', code: 'too-large',
            message: `'${st.text.trim()}' asks for ${bytes} bytes of output; the editor does not assemble files that large (limit ${MAX_OUTPUT_BYTES})`,
          };
        }
      }
    }
    return undefined;
  }

  /** Definitions of a name visible from `path` (labels, .equ, macros), own file first. */
  definitions(path: string, key: string): Def[] {
    const out: Def[] = [];
    for (const a of this.project(path)) {
      for (const d of a.defs) if (d.tok.key === key || (d.kind === 'cpp' && key === `sym:${d.name}`)) out.push(d);
    }
    out.sort((x, y) => (x.file === path ? 0 : 1) - (y.file === path ? 0 : 1));
    return out;
  }

  /** Every token with the same identity in the project of `path`. */
  references(path: string, key: string): { file: string; tok: Tok }[] {
    const out: { file: string; tok: Tok }[] = [];
    const projects = key.startsWith('local:') || key.startsWith('param:') ? [this.analysis(path)!].filter(Boolean) : this.project(path);
    for (const a of projects) for (const t of a.tokens) if (t.key === key) out.push({ file: a.file, tok: t });
    return out;
  }
}
