/**
 * `hyperstep lsp --stdio` starts the same server.
 */
import * as assert from 'assert';
import * as path from 'path';
import { TestClient } from './client';

describe('hyperstep lsp --stdio', function () {
  this.timeout(30000);
  it('serves LSP through the CLI entry point', async () => {
    const c = new TestClient(['lsp', '--stdio'], path.resolve(__dirname, '..', '..', 'cli', 'main.js'));
    const r = (await c.initialize()) as { serverInfo?: { name: string } };
    assert.strictEqual(r.serverInfo?.name, 'hyperstep-riscv-asm');
    const uri = c.open('/tmp/hyperstep-cli-lsp/a.s', 'addx a0, a0, 1\n');
    const d = await c.diagnostics(uri, 1);
    assert.ok(d.some((x) => x.message.includes("unknown instruction 'addx'")));
    await c.shutdown();
    assert.notStrictEqual(c.proc.exitCode, null);
  });
});
