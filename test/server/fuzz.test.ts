/**
 * Robustness: a seeded fuzzer of random and mutated sources through every
 * pure feature in-process (≥10,000 documents per run), a few hundred through
 * the real server process, plus pathological inputs (1 MB single line,
 * binary garbage) and malformed, out-of-order and cancelled requests.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { analyse } from '../../server/analysis';
import { ALL_DIRECTIVES, ALL_MNEMONICS, ASSEMBLER_CSR_NAMES } from '../../server/engine-info';
import { complete } from '../../server/features/completion';
import { computeDiagnostics } from '../../server/features/diagnostics';
import { documentSymbols } from '../../server/features/symbols';
import { foldingRanges } from '../../server/features/folding';
import { formatText, sameAssembly } from '../../server/features/formatting';
import { hover } from '../../server/features/hover';
import { definition, highlights, references } from '../../server/features/navigation';
import { semanticTokens } from '../../server/features/semantic-tokens';
import { signatureHelp } from '../../server/features/signature';
import { Workspace } from '../../server/workspace';
import { assemble } from '../../engine/asm/index';
import { TestClient } from './client';

const SEED = Number(process.env.LSP_FUZZ_SEED ?? 0x5eed);
const DOCS = Number(process.env.LSP_FUZZ_DOCS ?? 10000);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGS = ['zero', 'ra', 'sp', 'a0', 'a1', 't0', 's0', 'x0', 'x31', 'fa0', 'ft1', 'fp'];
const PIECES = [',', ' ', '(', ')', ':', '#', ';', '"', "'", '\\', '%lo(', '%hi(', '1b', '1f', '0x', '-', '+', '/*', '*/', '\t', '.', '=', '@', '\u00e9', '\ud83d\ude00', '\r', '\\@'];

function randomSource(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 25);
  const labels = ['loop', 'done', 'main', '_start', 'L1', '.Lx'];
  for (let i = 0; i < n; i++) {
    const k = r();
    let l = '';
    if (k < 0.15) l = `${pick(labels)}:`;
    else if (k < 0.22) l = `${Math.floor(r() * 4)}:`;
    if (k < 0.6) {
      const m = pick(ALL_MNEMONICS);
      const ops: string[] = [];
      const c = Math.floor(r() * 4);
      for (let j = 0; j < c; j++) {
        const q = r();
        ops.push(q < 0.5 ? pick(REGS) : q < 0.65 ? String(Math.floor((r() - 0.5) * 5000)) : q < 0.75 ? pick(labels) : q < 0.82 ? `${Math.floor(r() * 4)}${r() < 0.5 ? 'b' : 'f'}` : q < 0.9 ? pick(ASSEMBLER_CSR_NAMES) : `${Math.floor(r() * 64)}(${pick(REGS)})`);
      }
      l += `  ${m} ${ops.join(', ')}`;
    } else if (k < 0.8) {
      l += `  ${pick(ALL_DIRECTIVES)} ${r() < 0.5 ? pick(labels) : Math.floor(r() * 100)}`;
    } else if (k < 0.85) {
      l += `.macro m${Math.floor(r() * 3)} a, b\n  addi \\a, \\a, \\b\n.endm`;
    } else if (k < 0.9) {
      l += `  m${Math.floor(r() * 3)} a0, 1`;
    } else {
      const c = Math.floor(r() * 12);
      for (let j = 0; j < c; j++) l += pick(PIECES);
    }
    if (r() < 0.2) l += ' # comment';
    lines.push(l);
  }
  return lines.join(r() < 0.1 ? '\r\n' : '\n');
}

const CLEAN = [
  'addi a0,a0,1', 'lw t0, 8(sp)', 'sd ra,-8( sp )', 'li a1, 0x1234567', 'la a2, msg', 'call func', 'beqz a0, 1f', 'j 1b',
  'csrr t0, mstatus', 'csrw mtvec,t0', 'fadd.d fa0, fa1, fa2, rne', 'fence rw, rw', 'mv a0,a1', 'ret', 'nop',
  '.word 1,2 ,3', '.asciz "x, y"', '.equ K , 4', 'x = K+1', '.p2align 2', 'add a0, a0, %lo(msg)', 'lui a0, %hi(msg)',
];

/** A document the assembler accepts, with random spacing, labels and comments. */
function cleanSource(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const sp = () => [' ', '  ', '\t', '    ', ' \t'][Math.floor(r() * 5)];
  const out = ['.text', 'func:', '1:'];
  const n = 1 + Math.floor(r() * 15);
  for (let i = 0; i < n; i++) {
    let l = r() < 0.2 ? `1:${sp()}` : r() < 0.1 ? `l${i}:` : sp();
    l += pick(CLEAN).replace(/ /g, () => (r() < 0.3 ? sp() : ' ')).replace(/,/g, () => (r() < 0.5 ? ', ' : ','));
    if (r() < 0.3) l += `${sp()}# note ${i}`;
    out.push(l);
    if (r() < 0.1) out.push(r() < 0.5 ? '' : '  # a comment line');
  }
  out.push('1: ret', '.data', 'msg: .asciz "hi"');
  return out.join('\n');
}

function mutate(src: string, r: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(r() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const k = r();
    if (k < 0.4) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 5));
    else if (k < 0.8) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
    else s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at);
  }
  return s;
}

/** Runs every pure feature over a document; throws on any exception or broken invariant. */
function exercise(ws: Workspace, path: string, text: string, r: () => number, full = true): { formattedClean: boolean } {
  // LSP_FUZZ_LOG=file keeps the document being tried, for crashes no exception can report
  if (process.env.LSP_FUZZ_LOG) fs.writeFileSync(process.env.LSP_FUZZ_LOG, text);
  ws.update(path, text, 1);
  const a = ws.analysis(path)!;
  for (const t of a.tokens) {
    assert.ok(t.line >= 0 && t.line < a.lines.length && t.start >= 0 && t.end >= t.start && t.end <= a.lines[t.line].length + 1, `token out of range: ${JSON.stringify(t)}`);
  }
  // the assembler-backed features on every few documents; the analysis-only ones on all
  if (full) computeDiagnostics(ws, path, { uriOf: (p) => p });
  for (let i = 0; i < (full ? 3 : 1); i++) {
    const line = Math.floor(r() * a.lines.length);
    const ch = Math.floor(r() * ((a.lines[line]?.length ?? 0) + 2));
    hover(ws, path, line, ch);
    if (full) complete(ws, path, line, ch);
    signatureHelp(ws, path, line, ch);
    definition(ws, path, line, ch, (p) => p);
    references(ws, path, line, ch, true, (p) => p);
    highlights(ws, path, line, ch);
  }
  semanticTokens(ws, a);
  foldingRanges(a);
  documentSymbols(a);
  const once = formatText(a, { tabSize: 4, insertSpaces: true });
  assert.strictEqual(once.length, a.lines.length, 'formatting keeps the line count');
  ws.update(path, once.join('\n'), 2);
  const twice = formatText(ws.analysis(path)!, { tabSize: 4, insertSpaces: true });
  assert.deepStrictEqual(twice, once, `formatting is idempotent for ${JSON.stringify(text)}`);
  return { formattedClean: once.join('\n') !== a.lines.join('\n') };
}

describe('language server robustness', function () {
  this.timeout(300000);

  it(`survives ${DOCS} random and mutated documents through every feature, in-process (seed ${SEED})`, () => {
    const r = rng(SEED);
    const files: Record<string, string> = { '/f/inc.s': '.equ K, 3\n.macro m0 a, b\n addi \\a, \\a, \\b\n.endm\n' };
    const ws = new Workspace((p) => files[p]);
    ws.open('/f/doc.s', '', 1);
    let formattedChecked = 0;
    let last = randomSource(r);
    for (let i = 0; i < DOCS; i++) {
      const text = r() < 0.5 ? randomSource(r) : mutate(last, r);
      last = r() < 0.1 ? `.include "inc.s"\n${text}` : text;
      try {
        exercise(ws, '/f/doc.s', last, r, i % 5 === 0);
      } catch (e) {
        throw new Error(`document #${i} (seed ${SEED}) broke a feature: ${(e as Error).stack}\n--- source ---\n${JSON.stringify(last)}`);
      }
      // every 20th document is one the assembler accepts: formatting must keep its bytes
      if (i % 20 === 0) {
        const clean = cleanSource(r);
        exercise(ws, '/f/doc.s', clean, r);
        const a = analyse(clean, '/f/doc.s');
        const res = assemble(clean, { file: '/f/doc.s' });
        if (!res.diagnostics.some((d) => d.severity === 'error')) {
          const out = formatText(a, { tabSize: 4, insertSpaces: true }).join('\n');
          assert.ok(sameAssembly(clean, out, '/f/doc.s', {}), `formatting changed the assembly of ${JSON.stringify(clean)}\n=>\n${out}`);
          formattedChecked++;
        }
      }
    }
    assert.ok(formattedChecked >= DOCS / 40, `only ${formattedChecked} clean documents checked for formatting`);
  });

  it('handles a 1 MB single-line file and binary garbage in-process', () => {
    const ws = new Workspace();
    const big = 'addi a0, a0, 1; '.repeat(65536);
    ws.open('/big.s', big, 1);
    const t0 = Date.now();
    computeDiagnostics(ws, '/big.s', { uriOf: (p) => p });
    hover(ws, '/big.s', 0, 500000);
    formatText(ws.analysis('/big.s')!, { tabSize: 4, insertSpaces: true });
    assert.ok(Date.now() - t0 < 60000);
    const r = rng(7);
    let garbage = '';
    for (let i = 0; i < 200000; i++) garbage += String.fromCharCode(Math.floor(r() * 256));
    ws.open('/bin.s', garbage, 1);
    computeDiagnostics(ws, '/bin.s', { uriOf: (p) => p });
    semanticTokens(ws, ws.analysis('/bin.s')!);
  });

  describe('through the protocol', () => {
    let c: TestClient;
    before(async () => {
      c = new TestClient();
      await c.initialize();
    });
    after(async () => {
      await c.shutdown();
    });

    it('serves a few hundred fuzzed documents with every request answered', async () => {
      const r = rng(SEED ^ 0xabcdef);
      const uri = c.open('/tmp/hyperstep-fuzz/doc.s', '');
      let version = 1;
      for (let i = 0; i < 300; i++) {
        const text = r() < 0.5 ? randomSource(r) : mutate(randomSource(r), r);
        version = c.change(uri, [{ text }]);
        const lines = text.split(/\r?\n|\r/);
        const line = Math.floor(r() * lines.length);
        const ch = Math.floor(r() * (lines[line].length + 1));
        const pos = c.pos(uri, line, ch);
        await Promise.all([
          c.request('textDocument/hover', pos),
          c.request('textDocument/completion', pos),
          c.request('textDocument/signatureHelp', pos),
          c.request('textDocument/definition', pos),
          c.request('textDocument/references', { ...pos, context: { includeDeclaration: true } }),
          c.request('textDocument/documentSymbol', { textDocument: { uri } }),
          c.request('textDocument/semanticTokens/full', { textDocument: { uri } }),
          c.request('textDocument/foldingRange', { textDocument: { uri } }),
          i % 10 === 0 ? c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) : Promise.resolve(),
        ]);
      }
      await c.diagnostics(uri, version);
      assert.strictEqual(c.proc.exitCode, null, c.stderr);
    });

    it('handles a 1 MB single-line document and binary garbage', async () => {
      const big = 'addi a0, a0, 1; '.repeat(65536);
      const u = c.open('/tmp/hyperstep-fuzz/big.s', big);
      const d = await c.diagnostics(u, 1, 240000);
      assert.ok(Array.isArray(d));
      const h = await c.request<{ contents: { value: string } }>('textDocument/hover', c.pos(u, 0, 16 * 1000 + 1));
      assert.ok(h.contents.value.includes('addi'));
      const r = rng(9);
      let garbage = '';
      for (let i = 0; i < 100000; i++) garbage += String.fromCharCode(Math.floor(r() * 0x10000));
      const g = c.open('/tmp/hyperstep-fuzz/garbage.s', garbage);
      await c.diagnostics(g, 1, 240000);
      await c.request('textDocument/semanticTokens/full', { textDocument: { uri: g } });
    });

    it('answers malformed and out-of-order requests with errors or nulls, and keeps serving', async () => {
      // requests for a document never opened
      assert.strictEqual(await c.request('textDocument/hover', c.pos('file:///nowhere.s', 0, 0)), null);
      // positions far outside the document
      const u = c.open('/tmp/hyperstep-fuzz/small.s', 'nop\n');
      assert.strictEqual(await c.request('textDocument/hover', c.pos(u, 1000, 1000)), null);
      assert.strictEqual(await c.request('textDocument/hover', c.pos(u, -5, -5)), null);
      // missing parameters
      await assert.rejects(c.request('textDocument/hover', {}));
      assert.strictEqual(await c.request('textDocument/definition', { textDocument: 42 }), null);
      // an unknown method
      await assert.rejects(c.request('textDocument/notAThing', {}));
      // a change for a document that is not open, a close of an unknown one
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///ghost.s', version: 3 }, contentChanges: [{ text: 'x' }] });
      await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///ghost2.s' } });
      const h = await c.request<{ contents: { value: string } }>('textDocument/hover', c.pos(u, 0, 1));
      assert.ok(h.contents.value.includes('nop'));
    });

    it('honours cancellation', async () => {
      const big = Array.from({ length: 20000 }, (_, i) => `l${i}: addi a0, a0, ${i % 100}`).join('\n');
      const u = c.open('/tmp/hyperstep-fuzz/cancel.s', big);
      // queue a slow request behind another and cancel it before it runs
      const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
      const src = new CancellationTokenSource();
      const first = c.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: u } });
      const second = c.conn.sendRequest('textDocument/references', { ...c.pos(u, 5, 10), context: { includeDeclaration: true } }, src.token);
      src.cancel();
      await first;
      await assert.rejects(second, (e: { code?: number }) => e.code === -32800);
      // the server still answers
      const h = await c.request<{ contents: { value: string } }>('textDocument/hover', c.pos(u, 0, 5));
      assert.ok(h.contents.value.includes('addi'));
    });
  });
});
