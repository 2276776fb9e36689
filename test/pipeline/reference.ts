/**
 * Shared helpers for the pipeline suites: running the GNU reference tools
 * asynchronously (so a suite can build many programs at once), finding the
 * source files the suites cover, and normalising ELF files into comparable
 * summaries.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readElf, type ParsedElf } from '../../engine/elf/read';

export const REPO = path.join(__dirname, '..', '..', '..');
export const AS = 'riscv64-unknown-elf-as';
export const LD = 'riscv64-unknown-elf-ld';
export const OBJDUMP = 'riscv64-unknown-elf-objdump';
export const GCC = 'riscv64-unknown-elf-gcc';

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool without throwing; a spawn failure or timeout is a non-zero status. */
export function exec(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ status: 0, stdout, stderr });
      // An exit status comes as a numeric code; spawn errors (ENOENT) and kills as strings/signals.
      const code = (err as { code?: unknown }).code;
      resolve({ status: typeof code === 'number' && code !== 0 ? code : 1, stdout: stdout ?? '', stderr: stderr || err.message });
    });
  });
}

/** Maps `items` through `fn` with at most `limit` in flight (tool processes are the cost). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const PARALLEL = Math.max(2, Math.min(16, os.cpus().length));

/** Every `.s` file under `dir` (recursively), as paths relative to REPO, sorted. */
export function sourcesUnder(dir: string): string[] {
  const abs = path.join(REPO, dir);
  const found: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.s')) found.push(path.relative(REPO, p));
    }
  };
  walk(abs);
  return found;
}

/** The corpus and the examples: what every pipeline suite builds. */
export function pipelineSources(): string[] {
  return [...sourcesUnder('test/asm/corpus'), ...sourcesUnder('examples')];
}

/**
 * A source that is meant to fail to assemble. Corpus convention: a name
 * starting with `err-`/`error-`, or a `# expect-error` / `# error:` comment
 * line. Such files must be rejected by GNU and by us alike.
 */
export function isIntentionalError(file: string, text: string): boolean {
  const base = path.basename(file);
  return /^(err|error|errors|bad)[-_]/.test(base) || /^\s*#\s*(expect-error|error:)/m.test(text);
}

export function parseElfFile(bytes: Uint8Array, what: string): ParsedElf {
  const r = readElf(bytes);
  if (!r.ok) throw new Error(`${what}: ${r.error}`);
  return r.elf;
}

const SHF_ALLOC = 2;
const STT_FILE = 4;
const STT_SECTION = 3;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export interface ExeSummary {
  entry: string;
  sections: { name: string; addr: string; size: number; type: number; bytes: string }[];
  symbols: string[];
}

/** What a loader and a debugger see: allocated sections, entry, symbols (no mapping/file/section symbols). */
export function summarise(elf: ParsedElf): ExeSummary {
  return {
    entry: '0x' + elf.header.entry.toString(16),
    sections: elf.sections
      .filter((s) => s.flags & SHF_ALLOC)
      .map((s) => ({ name: s.name, addr: '0x' + s.addr.toString(16), size: s.size, type: s.type, bytes: hex(s.data) })),
    symbols: elf.symbols
      .filter((s) => s.index !== 0 && s.type !== STT_FILE && s.type !== STT_SECTION && !/^\$[xd]/.test(s.name))
      .map((s) => `${s.name} 0x${s.value.toString(16)} size=${s.size} type=${s.type} bind=${s.bind} ${s.shndx === 0xfff1 ? 'ABS' : s.shndx === 0 ? 'UND' : s.sectionName ?? s.shndx}`)
      .sort(),
  };
}

/** The first difference between two summaries, in one line (undefined when equal). */
export function firstDifference(gnu: ExeSummary, ours: ExeSummary): string | undefined {
  if (gnu.entry !== ours.entry) return `entry: gnu ${gnu.entry} ours ${ours.entry}`;
  const gNames = gnu.sections.map((s) => s.name).join(' ');
  const oNames = ours.sections.map((s) => s.name).join(' ');
  if (gNames !== oNames) return `allocated sections: gnu [${gNames}] ours [${oNames}]`;
  for (let i = 0; i < gnu.sections.length; i++) {
    const g = gnu.sections[i];
    const o = ours.sections[i];
    if (g.addr !== o.addr) return `section ${g.name} address: gnu ${g.addr} ours ${o.addr}`;
    if (g.size !== o.size) return `section ${g.name} size: gnu ${g.size} ours ${o.size}`;
    if (g.type !== o.type) return `section ${g.name} type: gnu ${g.type} ours ${o.type}`;
    if (g.bytes !== o.bytes) {
      let j = 0;
      while (j < g.bytes.length && g.bytes[j] === o.bytes[j]) j++;
      const at = Math.floor(j / 8) * 4; // a 4-byte aligned window around the first differing byte
      const addr = BigInt(g.addr) + BigInt(at);
      return `section ${g.name} bytes at 0x${addr.toString(16)}: gnu ${g.bytes.slice(at * 2, at * 2 + 16)} ours ${o.bytes.slice(at * 2, at * 2 + 16)}`;
    }
  }
  const gs = new Set(gnu.symbols);
  const os_ = new Set(ours.symbols);
  const missing = gnu.symbols.filter((s) => !os_.has(s));
  const extra = ours.symbols.filter((s) => !gs.has(s));
  if (missing.length || extra.length) {
    return `symbols: ${missing.length} only in gnu${missing.length ? ` (first: ${missing[0]})` : ''}, ${extra.length} only in ours${extra.length ? ` (first: ${extra[0]})` : ''}`;
  }
  return undefined;
}

/** First differing line of two texts, with its line number (undefined when equal). */
export function firstLineDifference(gnu: string, ours: string, label: string): string | undefined {
  const g = gnu.split('\n');
  const o = ours.split('\n');
  for (let i = 0; i < Math.max(g.length, o.length); i++) {
    if (g[i] !== o[i]) return `${label} line ${i + 1}: gnu ${JSON.stringify(g[i] ?? '<end>')} ours ${JSON.stringify(o[i] ?? '<end>')}`;
  }
  return undefined;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hyperstep-${prefix}-`));
}
