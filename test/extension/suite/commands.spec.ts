import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, needTool, openFile, runTool, workspaceFile } from './helpers';

interface CliResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/** Builds `source` with GNU as/ld at QEMU virt's RAM base. */
function gnuBuild(ctx: Mocha.Context, source: string): string {
  const as = needTool(ctx, 'riscv64-unknown-elf-as');
  const ld = needTool(ctx, 'riscv64-unknown-elf-ld');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-it-'));
  const obj = path.join(dir, 'p.o');
  const elf = path.join(dir, 'p.elf');
  const a = runTool(as, ['-march=rv64gc', '-o', obj, source]);
  assert.strictEqual(a.status, 0, a.stderr);
  const l = runTool(ld, ['-Ttext', '0x80000000', '-o', elf, obj]);
  assert.strictEqual(l.status, 0, l.stderr);
  return elf;
}

describe('commands', () => {
  before(async () => {
    await extensionApi();
  });

  it('hyperstep.run prints what QEMU prints for the same program', async function () {
    this.timeout(120_000);
    const qemu = needTool(this, 'qemu-system-riscv64');
    const source = workspaceFile('hello.s').fsPath;
    const elf = gnuBuild(this, source);
    const ref = runTool(qemu, ['-machine', 'virt', '-bios', 'none', '-nographic', '-kernel', elf]);
    assert.strictEqual(ref.status, 0, ref.stderr);
    const r = await vscode.commands.executeCommand<CliResult>('hyperstep.run', vscode.Uri.file(source));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout.replace(/\r/g, ''), ref.stdout.replace(/\r/g, ''));
  });

  it('hyperstep.assemble writes an ELF whose entry and symbols GNU readelf reads', async function () {
    const readelf = needTool(this, 'riscv64-unknown-elf-readelf');
    const uri = workspaceFile('trap.s');
    const r = await vscode.commands.executeCommand<{ ok: boolean; elf?: string; messages: string }>('hyperstep.assemble', uri);
    assert.ok(r.ok, r.messages);
    assert.strictEqual(r.elf, uri.fsPath.replace(/\.s$/, '.elf'));
    const h = runTool(readelf, ['-h', '-s', r.elf!]);
    assert.strictEqual(h.status, 0, h.stderr);
    assert.match(h.stdout, /Machine:\s+RISC-V/);
    const entry = /Entry point address:\s+(0x[0-9a-f]+)/.exec(h.stdout)![1];
    const start = new RegExp(`^\\s*\\d+:\\s+([0-9a-f]+)\\s+\\d+\\s+\\w+\\s+GLOBAL\\s+\\w+\\s+\\S+\\s+_start$`, 'm').exec(h.stdout);
    assert.ok(start, h.stdout);
    assert.strictEqual(BigInt(entry), BigInt('0x' + start[1]));
  });

  it('hyperstep.assemble reports errors instead of writing an ELF', async () => {
    const uri = workspaceFile('broken.s');
    const r = await vscode.commands.executeCommand<{ ok: boolean; messages: string }>('hyperstep.assemble', uri);
    assert.strictEqual(r.ok, false);
    assert.match(r.messages, /broken\.s:4:/);
    assert.ok(!fs.existsSync(uri.fsPath.replace(/\.s$/, '.elf')));
  });

  it('hyperstep.showDisassembly lists the instruction words GNU objdump lists', async function () {
    const objdump = needTool(this, 'riscv64-unknown-elf-objdump');
    const uri = workspaceFile('trap.s');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('hyperstep.showDisassembly', uri);
    assert.ok(doc, 'a disassembly document opened');
    assert.strictEqual(doc.uri.scheme, 'hyperstep-disasm');
    const words = (text: string) => [...text.matchAll(/^\s*([0-9a-f]+):\s+([0-9a-f]{4,8})\s/gm)].map((m) => `${BigInt('0x' + m[1]).toString(16)}:${m[2]}`);
    // The reference: the same program assembled by Hyperstep, disassembled by GNU objdump.
    const a = await vscode.commands.executeCommand<{ ok: boolean; elf?: string }>('hyperstep.assemble', uri);
    assert.ok(a.ok);
    const ref = runTool(objdump, ['-d', a.elf!]);
    assert.strictEqual(ref.status, 0, ref.stderr);
    const expected = words(ref.stdout);
    assert.ok(expected.length > 10);
    assert.deepStrictEqual(words(doc.getText()), expected);
  });

  it('hyperstep.compare shows the comparison, or says honestly that it is not available', async () => {
    const api = await extensionApi();
    await openFile('hello.s');
    const state = await vscode.commands.executeCommand<string>('hyperstep.compare', workspaceFile('hello.s'));
    const ext = vscode.extensions.getExtension('hyperstep.hyperstep')!;
    const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
    const help = runTool(process.execPath, [cli, 'compare', '--help']);
    const hasCompare = help.status === 0 && !/unknown command/.test(help.stdout + help.stderr);
    assert.strictEqual(state, hasCompare ? 'ok' : 'unavailable');
    if (!hasCompare) assert.match(api.compareHtml(), /Not available yet/);
    // No script, and nothing loaded from elsewhere (the CSP names the webview's own origin only).
    assert.doesNotMatch(api.compareHtml(), /<script|(src|href)=["']?https?:/i);
  });
});
