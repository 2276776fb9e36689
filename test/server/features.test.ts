/**
 * The language server's features, driven over stdio through the protocol.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../engine/asm/index';
import { TestClient, find, uriOf } from './client';

const MAIN = `# hyperstep: mode=trap-and-emulate
.include "defs.inc"
.globl _start
.text
_start:
    li a0, BIG
    csrr t0, mstatus
    csrr t1, 0x300
    csrw satp, a0
    addi x0, a0, 1
1:  addi a0,a0,-1
    bnez a0, 1b
    call func
    mv ra, x1
    j 2f
    nop
2:  ret
unused: nop
func:
  mymac a1, 3
  csrw cycle, a0
1:  j 1b
`;

const DEFS = `.equ BIG, 0x12345678
.macro mymac r, v
  addi \\r, \\r, \\v
.endm
helper:
  jal ra, func
`;

interface Loc { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface TextEditL { range: Loc['range']; newText: string }

describe('language server over stdio', function () {
  this.timeout(30000);
  let c: TestClient;
  let dir: string;
  let mainPath: string;
  let defsPath: string;
  let uri: string;
  let diags: { range: Loc['range']; message: string; code?: string | number; severity?: number; relatedInformation?: unknown[] }[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-lsp-'));
    mainPath = path.join(dir, 'main.s');
    defsPath = path.join(dir, 'defs.inc');
    fs.writeFileSync(mainPath, MAIN);
    fs.writeFileSync(defsPath, DEFS);
    c = new TestClient();
    await c.initialize({ inlayHints: true });
    uri = c.open(mainPath, MAIN);
    diags = await c.diagnostics(uri, 1);
  });
  after(async () => {
    await c.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const at = (needle: string, nth = 0, offset = 0) => c.pos(uri, find(MAIN, needle, nth, offset).line, find(MAIN, needle, nth, offset).character);
  const hoverText = async (needle: string, nth = 0, offset = 0) => {
    const h = await c.request<{ contents: { value: string }; range: Loc['range'] } | null>('textDocument/hover', at(needle, nth, offset));
    return h;
  };

  it('declares the capabilities it implements', async () => {
    const c2 = new TestClient();
    const r = (await c2.initialize()) as { capabilities: Record<string, unknown> };
    await c2.shutdown();
    for (const k of ['hoverProvider', 'completionProvider', 'signatureHelpProvider', 'definitionProvider', 'referencesProvider', 'renameProvider',
      'documentHighlightProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'foldingRangeProvider', 'semanticTokensProvider',
      'documentFormattingProvider', 'codeActionProvider', 'inlayHintProvider', 'codeLensProvider']) {
      assert.ok(r.capabilities[k], k);
    }
    assert.deepStrictEqual(r.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes the server lints with exact ranges', () => {
    const byCode = (code: string) => diags.filter((d) => d.code === code);
    assert.deepStrictEqual(byCode('unused-label').map((d) => d.range), [{ start: find(MAIN, 'unused:'), end: find(MAIN, 'unused:', 0, 6) }]);
    assert.deepStrictEqual(byCode('write-to-x0').map((d) => d.range.start), [find(MAIN, 'x0, a0, 1')]);
    const unreachable = byCode('unreachable-code');
    assert.strictEqual(unreachable.length, 1);
    assert.deepStrictEqual(unreachable[0].range.start, find(MAIN, 'nop\n2:'));
    assert.deepStrictEqual(byCode('read-only-csr').map((d) => d.range.start), [find(MAIN, 'cycle, a0')]);
    const virt = byCode('virt-trap-and-emulate').map((d) => d.range.start.line);
    assert.ok(virt.includes(find(MAIN, 'csrw satp').line), 'csrw satp traps under trap-and-emulate');
    assert.ok(diags.find((d) => d.range.start.line === find(MAIN, 'csrw satp').line)!.message.includes('traps'));
    // `helper` in the include is used nowhere but it is not this file's label; `func` is used from the include
    assert.ok(!diags.some((d) => d.message.includes("'func'")));
    // no assembler errors in this file
    assert.ok(!diags.some((d) => d.severity === 1), JSON.stringify(diags.filter((d) => d.severity === 1)));
  });

  it('reports the real assembler errors with a did-you-mean quick fix, and updates on incremental edits', async () => {
    const src = '.text\n  addd a0, a0, a1\n  li a1, 5\n';
    const p = path.join(dir, 'err.s');
    const u = c.open(p, src);
    const d1 = await c.diagnostics(u, 1);
    const expected = assemble(src, { file: p }).diagnostics;
    const errors = d1.filter((d) => d.severity === 1);
    assert.strictEqual(errors.length, expected.filter((d) => d.severity === 'error').length);
    assert.ok(errors[0].message.includes("unknown instruction 'addd'"));
    assert.deepStrictEqual(errors[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } });
    const actions = await c.request<{ title: string; edit: { changes: Record<string, TextEditL[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: errors[0].range, context: { diagnostics: [errors[0]] },
    });
    assert.ok(actions.length >= 1);
    assert.ok(actions.some((a) => a.edit.changes[u][0].newText === 'add'), JSON.stringify(actions.map((a) => a.title)));
    // fix it with an incremental edit: delete one 'd'
    const v = c.change(u, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, text: '' }]);
    const d2 = await c.diagnostics(u, v);
    assert.strictEqual(d2.filter((d) => d.severity === 1).length, 0);
  });

  it('reports errors inside an included file on the .include line', async () => {
    const incPath = path.join(dir, 'bad.inc');
    fs.writeFileSync(incPath, 'nop\nfoo a0\n');
    const p = path.join(dir, 'inc.s');
    const u = c.open(p, '.text\n.include "bad.inc"\n');
    const d = await c.diagnostics(u, 1);
    const e = d.find((x) => x.severity === 1)!;
    assert.strictEqual(e.range.start.line, 1);
    assert.ok(e.message.includes('bad.inc:2'), e.message);
    assert.strictEqual((e.relatedInformation as Loc[] | undefined)?.length ?? 0, 1);
  });

  it('never reports C preprocessor lines of a .S file', async () => {
    const p = path.join(dir, 'pp.S');
    const src = '#include <foo.h>\n#define COUNT 4\n#if COUNT > 2\n.text\n  li a0, COUNT // a C++ comment\n#endif\n  nop\n';
    const u = c.open(p, src);
    const d = await c.diagnostics(u, 1);
    assert.deepStrictEqual(d.filter((x) => x.severity === 1 || x.severity === 2).map((x) => x.message), []);
  });

  it('hovers an instruction with syntax, extension, encoding layout, the assembled word and privilege', async () => {
    const h = (await hoverText('addi a0,a0,-1'))!;
    assert.deepStrictEqual(h.range, { start: find(MAIN, 'addi a0,a0,-1'), end: find(MAIN, 'addi a0,a0,-1', 0, 4) });
    const v = h.contents.value;
    assert.ok(v.includes('**addi**'), v);
    assert.ok(v.includes('Extension: ') && v.includes('I-type'), v);
    assert.ok(v.includes('imm[31:20] | rs1[19:15] | 000 | rd[11:7] | 0010011'), v);
    const word = assemble('addi a0,a0,-1', { file: 'x.s' }).object.sections[0].data;
    const hex = Buffer.from(word).readUInt32LE(0).toString(16).padStart(8, '0');
    assert.ok(v.includes(hex), `${hex} in ${v}`);
    assert.ok(/Privilege class in U-mode: \*\*unprivileged\*\*/.test(v), v);
  });

  it('hovers a pseudo-instruction with its real expansion', async () => {
    const v = (await hoverText('li a0, BIG'))!.contents.value;
    assert.ok(v.includes('Load any 64-bit constant'), v);
    assert.ok(v.includes('Expands here to 2 instructions'), v);
    assert.ok(v.includes('lui a0,0x12345'), v);
  });

  it('hovers privileged instructions with their class under the chosen mode', async () => {
    const v = (await hoverText('csrw satp'))!.contents.value;
    assert.ok(v.includes('**privileged**'), v);
    assert.ok(v.includes('trap-and-emulate'), v);
  });

  it('hovers CSRs (by name and by number) with fields, registers with ABI and role', async () => {
    const byName = (await hoverText('mstatus'))!.contents.value;
    assert.ok(byName.includes('**mstatus**') && byName.includes('0x300') && byName.includes('| 12:11 | MPP |'), byName);
    const byNum = (await hoverText('0x300'))!.contents.value;
    assert.strictEqual(byNum, byName);
    const reg = (await hoverText('t0, mstatus'))!.contents.value;
    assert.ok(reg.includes('`x5`') && reg.includes('caller-saved'), reg);
  });

  it('hovers symbols, macros and numbers', async () => {
    const sym = (await hoverText('BIG'))!.contents.value;
    assert.ok(sym.includes('0x12345678') && sym.includes('305419896') && sym.includes('defs.inc:1'), sym);
    const mac = (await hoverText('mymac a1'))!.contents.value;
    assert.ok(mac.includes('.macro mymac r, v') && mac.includes('addi \\r, \\r, \\v'), mac);
    const num = (await hoverText('-1', 0, 1))!.contents.value;
    assert.ok(num.includes('`1`') && num.includes('0x1') && num.includes('0b1'), num);
    const lab = (await hoverText('func', 0))!.contents.value;
    assert.ok(lab.includes('label defined at line 19') && lab.includes('.text+0x'), lab);
    const dir = (await c.request<{ contents: { value: string } }>('textDocument/hover', at('.globl')))!.contents.value;
    assert.ok(dir.includes('global'), dir);
  });

  it('completes mnemonics with operand snippets at statement start, documented on resolve', async () => {
    const r = await c.request<{ items: { label: string; insertText?: string; textEdit?: { newText: string }; data?: unknown }[] }>('textDocument/completion', c.pos(uri, find(MAIN, 'nop\n2:').line, 4));
    const addi = r.items.find((i) => i.label === 'addi')!;
    assert.strictEqual(addi.textEdit!.newText, 'addi ${1:rd}, ${2:rs1}, ${3:imm}');
    const lw = r.items.find((i) => i.label === 'lw')!;
    assert.strictEqual(lw.textEdit!.newText, 'lw ${1:rd}, ${2:imm}(${3:rs1})');
    assert.ok(r.items.some((i) => i.label === 'li'), 'pseudo li');
    assert.ok(r.items.some((i) => i.label === 'call'), 'pseudo call');
    assert.ok(r.items.some((i) => i.label === 'mymac'), 'macro from the include');
    const resolved = await c.request<{ documentation: { value: string } }>('completionItem/resolve', addi);
    assert.ok(resolved.documentation.value.includes('Add a sign-extended 12-bit immediate'));
  });

  it('completes directives after a dot, CSRs in CSR operands, registers and labels where operands allow them', async () => {
    const src = '.te\n  csrr t0, ms\n  add a0, \n  beqz a0, \n';
    const u = c.open(path.join(dir, 'comp.s'), src);
    const dirs = await c.request<{ items: { label: string }[] }>('textDocument/completion', c.pos(u, 0, 3));
    assert.ok(dirs.items.some((i) => i.label === '.text'));
    assert.ok(dirs.items.every((i) => i.label.startsWith('.')));
    const csrs = await c.request<{ items: { label: string }[] }>('textDocument/completion', c.pos(u, 1, 13));
    assert.ok(csrs.items.some((i) => i.label === 'mstatus'));
    assert.ok(!csrs.items.some((i) => i.label === 'a0'));
    const regs = await c.request<{ items: { label: string }[] }>('textDocument/completion', c.pos(u, 2, 10));
    assert.ok(regs.items.some((i) => i.label === 'a1'));
    assert.ok(!regs.items.some((i) => i.label === 'mstatus'));
    assert.ok(!regs.items.some((i) => i.label === 'fa0'), 'integer slot offers integer registers only');
    const labels = await c.request<{ items: { label: string }[] }>('textDocument/completion', c.pos(uri, find(MAIN, 'bnez a0, 1b').line, 13));
    assert.ok(labels.items.some((i) => i.label === 'func') && labels.items.some((i) => i.label === '1b'), JSON.stringify(labels.items.map((i) => i.label)));
  });

  it('gives signature help with the active operand', async () => {
    const p = find(MAIN, 'csrr t1, 0x300', 0, 10);
    const s = await c.request<{ signatures: { label: string }[]; activeSignature: number; activeParameter: number }>('textDocument/signatureHelp', c.pos(uri, p.line, p.character));
    assert.strictEqual(s.signatures[s.activeSignature].label, 'csrr rd, csr');
    assert.strictEqual(s.activeParameter, 1);
  });

  it('goes to definitions across .include and to the right numeric local label', async () => {
    const big = await c.request<Loc[]>('textDocument/definition', at('BIG'));
    assert.deepStrictEqual(big, [{ uri: uriOf(defsPath), range: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } } }]);
    const back = await c.request<Loc[]>('textDocument/definition', at('1b'));
    assert.deepStrictEqual(back[0].range.start, find(MAIN, '1:  addi'));
    const last = await c.request<Loc[]>('textDocument/definition', at('1b', 1));
    assert.deepStrictEqual(last[0].range.start, find(MAIN, '1:  j 1b'));
    const fwd = await c.request<Loc[]>('textDocument/definition', at('2f'));
    assert.deepStrictEqual(fwd[0].range.start, find(MAIN, '2:  ret'));
    const mac = await c.request<Loc[]>('textDocument/definition', at('mymac'));
    assert.deepStrictEqual(mac, [{ uri: uriOf(defsPath), range: { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } } }]);
  });

  it('finds references treating x1/ra and mstatus/0x300 as the same', async () => {
    const ra = await c.request<Loc[]>('textDocument/references', { ...at('ra, x1'), context: { includeDeclaration: true } });
    const lines = ra.filter((l) => l.uri === uri).map((l) => MAIN.split('\n')[l.range.start.line].slice(l.range.start.character, l.range.end.character));
    assert.deepStrictEqual(lines.sort(), ['ra', 'x1']);
    assert.ok(ra.some((l) => l.uri === uriOf(defsPath)), 'jal ra in the include');
    const ms = await c.request<Loc[]>('textDocument/references', { ...at('mstatus'), context: { includeDeclaration: true } });
    assert.deepStrictEqual(ms.map((l) => l.range.start), [find(MAIN, 'mstatus'), find(MAIN, '0x300')]);
  });

  it('renames a label across an .include, and a numeric local label precisely', async () => {
    const e = await c.request<{ changes: Record<string, TextEditL[]> }>('textDocument/rename', { ...at('func', 0), newName: 'worker' });
    assert.deepStrictEqual(Object.keys(e.changes).sort(), [uri, uriOf(defsPath)].sort());
    assert.deepStrictEqual(e.changes[uriOf(defsPath)], [{ range: { start: { line: 5, character: 10 }, end: { line: 5, character: 14 } }, newText: 'worker' }]);
    assert.deepStrictEqual(e.changes[uri].map((x) => x.range.start).sort((a, b) => a.line - b.line), [find(MAIN, 'func'), find(MAIN, 'func:')]);
    const loc = await c.request<{ changes: Record<string, TextEditL[]> }>('textDocument/rename', { ...at('1b'), newName: '7' });
    assert.deepStrictEqual(loc.changes[uri].map((x) => [x.range.start.line, x.range.start.character, x.range.end.character]), [
      [find(MAIN, '1:  addi').line, 0, 1], [find(MAIN, '1b').line, find(MAIN, '1b').character, find(MAIN, '1b').character + 1],
    ]);
    await assert.rejects(c.request('textDocument/rename', { ...at('a0'), newName: 'x' }));
    const prep = await c.request('textDocument/prepareRename', at('mstatus'));
    assert.strictEqual(prep, null);
  });

  it('renames the macro and its parameters', async () => {
    const e = await c.request<{ changes: Record<string, TextEditL[]> }>('textDocument/rename', { ...at('mymac'), newName: 'bump' });
    assert.strictEqual(e.changes[uri].length, 1);
    assert.strictEqual(e.changes[uriOf(defsPath)].length, 1);
  });

  it('highlights, lists document and workspace symbols, folds, colors', async () => {
    const hl = await c.request<{ range: Loc['range']; kind: number }[]>('textDocument/documentHighlight', at('func'));
    assert.deepStrictEqual(hl.map((h) => h.kind).sort(), [2, 3]);
    const syms = await c.request<{ name: string; kind: number; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const text = syms.find((s) => s.name === '.text')!;
    assert.deepStrictEqual(text.children!.map((x) => x.name), ['_start', 'unused', 'func']);
    const wsyms = await c.request<{ name: string; location: Loc }[]>('workspace/symbol', { query: 'mym' });
    assert.deepStrictEqual(wsyms.map((s) => s.name), ['mymac']);
    assert.strictEqual(wsyms[0].location.uri, uriOf(defsPath));
    const folds = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === 3 && f.endLine === MAIN.split('\n').length - 2), JSON.stringify(folds));
    const st = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.strictEqual(st.data.length % 5, 0);
    // decode and check a few: `li` keyword at line 5, `a0` variable, `BIG` enumMember
    const decoded: { line: number; ch: number; len: number; type: number }[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < st.data.length; i += 5) {
      line += st.data[i];
      ch = st.data[i] === 0 ? ch + st.data[i + 1] : st.data[i + 1];
      decoded.push({ line, ch, len: st.data[i + 2], type: st.data[i + 3] });
    }
    const li = find(MAIN, 'li a0, BIG');
    const onLine = decoded.filter((d) => d.line === li.line).map((d) => [d.ch, d.len, d.type]);
    assert.deepStrictEqual(onLine, [[4, 2, 0], [7, 2, 3], [11, 3, 5]]);
  });

  it('formats in aligned columns, idempotently, without changing the assembled bytes', async () => {
    const src = 'loop:   addi a0,a0,1   # count\n  bnez a0,loop\n.data\nmsg: .asciz "a,b"   # text\nx = 3\n';
    const p = path.join(dir, 'fmt.s');
    const u = c.open(p, src);
    const edits = await c.request<TextEditL[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: true } });
    const lines = src.split('\n');
    for (const e of edits) lines[e.range.start.line] = e.newText;
    const out = lines.join('\n');
    assert.strictEqual(out, 'loop: addi   a0, a0, 1 # count\n      bnez   a0, loop\n      .data\nmsg:  .asciz "a,b"     # text\n      x = 3\n');
    const a = assemble(src, { file: p });
    const b = assemble(out, { file: p });
    assert.deepStrictEqual(b.object.sections.map((s) => [...s.data]), a.object.sections.map((s) => [...s.data]));
    const v = c.change(u, [{ text: out }]);
    await c.diagnostics(u, v);
    const again = await c.request<TextEditL[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepStrictEqual(again, []);
  });

  it('shows inlay hints with addresses and encodings, and code lenses on the entry symbol', async () => {
    const hints = await c.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
    const li = hints.find((h) => h.position.line === find(MAIN, 'li a0').line)!;
    assert.ok(/^\.text\+0x4: 12345537 6785051b$/.test(li.label), li.label);
    const lenses = await c.request<{ command: { command: string; arguments: unknown[] }; range: Loc['range'] }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepStrictEqual(lenses.map((l) => l.command.command), ['hyperstep.run', 'hyperstep.debug', 'hyperstep.compare']);
    assert.deepStrictEqual(lenses[0].range.start, find(MAIN, '_start:'));
    assert.deepStrictEqual(lenses[0].command.arguments, [uri, '_start']);
  });
});
