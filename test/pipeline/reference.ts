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

/**
 * The differences between two summaries, at most one line per aspect (entry,
 * section layout, each section's contents, symbols), so one systematic
 * difference does not hide the others. Empty when equal.
 */
export function differences(gnu: ExeSummary, ours: ExeSummary): string[] {
  const out: string[] = [];
  if (gnu.entry !== ours.entry) out.push(`entry: gnu ${gnu.entry} ours ${ours.entry}`);
  const gNames = gnu.sections.map((s) => s.name).join(' ');
  const oNames = ours.sections.map((s) => s.name).join(' ');
  if (gNames !== oNames) out.push(`allocated sections: gnu [${gNames}] ours [${oNames}]`);
  for (const g of gnu.sections) {
    const o = ours.sections.find((s) => s.name === g.name);
    if (!o) continue;
    if (g.addr !== o.addr) out.push(`section ${g.name} address: gnu ${g.addr} ours ${o.addr}`);
    else if (g.size !== o.size) out.push(`section ${g.name} size: gnu ${g.size} ours ${o.size}`);
    else if (g.type !== o.type) out.push(`section ${g.name} type: gnu ${g.type} ours ${o.type}`);
    else if (g.bytes !== o.bytes) {
      let j = 0;
      while (j < g.bytes.length && g.bytes[j] === o.bytes[j]) j++;
      const at = Math.floor(j / 8) * 4; // a 4-byte aligned window around the first differing byte
      const addr = BigInt(g.addr) + BigInt(at);
      out.push(`section ${g.name} bytes at 0x${addr.toString(16)}: gnu ${g.bytes.slice(at * 2, at * 2 + 16)} ours ${o.bytes.slice(at * 2, at * 2 + 16)}`);
    }
  }
  const gs = new Set(gnu.symbols);
  const os_ = new Set(ours.symbols);
  const missing = gnu.symbols.filter((s) => !os_.has(s));
  const extra = ours.symbols.filter((s) => !gs.has(s));
  if (missing.length || extra.length) {
    out.push(`symbols: ${missing.length} only in gnu${missing.length ? ` (first: ${missing[0]})` : ''}, ${extra.length} only in ours${extra.length ? ` (first: ${extra[0]})` : ''}`);
  }
  return out;
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

/** The -march values a source declares with a `# march: ISA` line (corpus convention). */
export function declaredMarch(text: string): string | undefined {
  return /^#\s*march:\s*(\S+)/m.exec(text)?.[1];
}

let sharedWork: string | undefined;
/** One temporary folder for the GNU builds of this process, removed when it exits. */
export function workDir(): string {
  if (!sharedWork) {
    const dir = tempDir('pipeline');
    sharedWork = dir;
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return sharedWork;
}

export type GnuBuild = { ok: true; elf: string; obj: string } | { ok: false; error: string };
const gnuBuilds = new Map<string, Promise<GnuBuild>>();

/**
 * GNU's executable for a source (as -mno-relax -g, ld --no-relax -Ttext
 * 0x80000000), assembled from the source's own folder under its bare name,
 * as the engine's build names it. Memoised: the suites share the builds.
 */
export function gnuBuild(file: string, march: string | undefined): Promise<GnuBuild> {
  const key = `${file}\0${march ?? ''}`;
  let p = gnuBuilds.get(key);
  if (!p) {
    p = (async (): Promise<GnuBuild> => {
      const abs = path.join(REPO, file);
      const tag = `${file.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/\.s$/, '')}-${march ?? 'default'}`;
      const dir = workDir();
      const obj = path.join(dir, `${tag}.o`);
      const elf = path.join(dir, `${tag}.gnu.elf`);
      const as = await exec(AS, ['-mno-relax', ...(march ? [`-march=${march}`] : []), '-g', '-o', obj, path.basename(file)], { cwd: path.dirname(abs) });
      if (as.status !== 0) return { ok: false, error: `as: ${as.stderr.trim().split('\n').find((l) => /error/i.test(l)) ?? as.stderr.trim()}` };
      const ld = await exec(LD, ['--no-relax', '-Ttext', '0x80000000', '-o', elf, obj]);
      if (ld.status !== 0) return { ok: false, error: `ld: ${ld.stderr.trim().split('\n')[0]}` };
      return { ok: true, elf, obj };
    })();
    gnuBuilds.set(key, p);
  }
  return p;
}

/**
 * Runs objdump with `args` over many files (named relative to `dir`) in one
 * process per 200 files, and splits its output per file ("NAME:     file
 * format …" starts each). Process start-up, not decoding, is the cost.
 */
export async function objdumpEach(dir: string, args: string[], names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += 200) chunks.push(names.slice(i, i + 200));
  const results = await Promise.all(chunks.map((c) => exec(OBJDUMP, [...args, ...c], { cwd: dir })));
  for (const r of results) {
    if (r.status !== 0) throw new Error(`objdump ${args.join(' ')} failed: ${r.stderr}`);
    const parts = r.stdout.split(/^(\S+):\s+file format .*$/m);
    for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i], parts[i + 1]);
  }
  return out;
}
