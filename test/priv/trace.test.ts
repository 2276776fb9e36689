/**
 * `hyperstep run --trace` and `--trace=json` on programs of the privileged
 * corpus: every JSON line follows docs/events.md (version 1), the events the
 * guest's own handlers printed are among them with the same fields, returns
 * pair with traps, and the text form has one line per JSON event.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCommand } from '../../cli/commands/run';
import { EXIT } from '../../cli/exit-codes';
import { needTool, tempDir } from '../support/tools';
import { assembleFile, repoRoot } from '../qemu/harness';
import { parseTrapLines } from './run';

interface Traced {
  code: number;
  out: string;
  err: string[];
}

async function traced(args: string[]): Promise<Traced> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const code = await runCommand(args, {
    out: (b) => out.push(Buffer.from(b)),
    err: (s) => err.push(...s.replace(/\n$/, '').split('\n')),
  });
  return { code, out: Buffer.concat(out).toString('latin1'), err };
}

const HEX = /^0x[0-9a-f]+$/;

/** Checks one JSON event against the version-1 schema; returns it parsed. */
function checkSchema(line: string): Record<string, unknown> {
  const e = JSON.parse(line) as Record<string, unknown>;
  assert.equal(e.v, 1, `version: ${line}`);
  assert.ok(['trap', 'interrupt', 'return'].includes(e.kind as string), `kind: ${line}`);
  for (const k of ['hart', 'seq', 'instret', 'cause']) assert.equal(typeof e[k], 'number', `${k}: ${line}`);
  assert.equal(typeof e.name, 'string', `name: ${line}`);
  for (const k of ['tval', 'epc', 'handler']) assert.match(e[k] as string, HEX, `${k}: ${line}`);
  for (const k of ['from', 'to']) {
    const m = e[k] as { priv: number; virt: boolean };
    assert.ok([0, 1, 3].includes(m.priv) && typeof m.virt === 'boolean', `${k}: ${line}`);
  }
  for (const k of ['insn', 'htval', 'htinst', 'tval2']) if (k in e) assert.match(e[k] as string, HEX, `${k}: ${line}`);
  if (e.kind === 'return') {
    assert.equal(e.cause, -1, `a return has cause -1: ${line}`);
    assert.ok(e.name === 'mret' || e.name === 'sret', `return name: ${line}`);
  } else {
    assert.ok((e.cause as number) >= 0, `cause: ${line}`);
  }
  if ('insn' in e) assert.equal(typeof e.disasm, 'string', `an insn comes with its disassembly: ${line}`);
  return e;
}

describe('hyperstep run --trace: trap events', function () {
  this.timeout(120_000);
  const elfs: Record<string, string> = {};

  before(function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-ld');
    const dir = tempDir('priv-trace');
    for (const name of ['u_priv_insns', 'deleg_exceptions', 'h_guest_pf']) {
      const src = path.join(repoRoot(), 'test', 'priv', 'programs', `${name}.s`);
      elfs[name] = assembleFile(src, path.join(dir, `${name}.elf`), { march: 'rv64gc_h' });
    }
  });

  for (const name of ['u_priv_insns', 'deleg_exceptions', 'h_guest_pf']) {
    it(`${name}: JSON lines follow the schema and hold every trap the guest printed`, async function () {
      const r = await traced(['--trace=json', elfs[name]]);
      assert.equal(r.code, 0, r.err.join('\n'));
      assert.match(r.out, /done\n$/);
      const events = r.err.map(checkSchema);
      assert.ok(events.length > 0, 'no events');
      events.forEach((e, i) => assert.equal(e.seq, i + 1, 'seq counts events from 1'));
      for (let i = 1; i < events.length; i++) assert.ok((events[i].instret as number) >= (events[i - 1].instret as number), 'instret never goes back');
      // every trap line the guest printed is an event, in order
      let j = 0;
      for (const t of parseTrapLines(r.out)) {
        const interrupt = (t.cause >> 63n) === 1n;
        const code = Number(t.cause & ((1n << 63n) - 1n));
        let found = false;
        while (!found && j < events.length) {
          const e = events[j++];
          const to = e.to as { priv: number; virt: boolean };
          if (e.kind === (interrupt ? 'interrupt' : 'trap') && e.cause === code && BigInt(e.tval as string) === t.tval &&
            BigInt(e.epc as string) === t.epc && to.priv === (t.level === 'M' ? 3 : 1) && to.virt === (t.level === 'VS')) {
            if ('tval2' in e || 'htval' in e) {
              const printed = /(?:tval2|htval)=([0-9a-f]+)/.exec(t.text);
              if (printed) assert.equal(BigInt((e.tval2 ?? e.htval) as string), BigInt('0x' + printed[1]), `${t.text}: tval2/htval`);
            }
            found = true;
          }
        }
        assert.ok(found, `no event for line ${t.line}: ${t.text}`);
      }
      // each return goes back to where some earlier trap came from or on to new code: it leaves the trap's mode
      const rets = events.filter((e) => e.kind === 'return');
      assert.ok(rets.length > 0, 'handlers return with mret/sret');
      for (const e of rets) assert.ok((e.from as { priv: number }).priv >= (e.to as { priv: number }).priv, `a return never raises the privilege: ${JSON.stringify(e)}`);
    });
  }

  it('--trace prints one readable line per JSON event', async function () {
    const json = await traced(['--trace=json', elfs.u_priv_insns]);
    const text = await traced(['--trace', elfs.u_priv_insns]);
    assert.equal(text.code, 0);
    assert.equal(text.out, json.out, 'tracing does not change the guest');
    assert.equal(text.err.length, json.err.length);
    text.err.forEach((l, i) => {
      const e = JSON.parse(json.err[i]) as Record<string, unknown>;
      if (e.kind === 'return') assert.match(l, new RegExp(`^${e.name} #${e.seq} hart0 @${e.instret} \\w+->\\w+ epc=${e.epc} -> ${e.handler}$`), l);
      else {
        assert.match(l, new RegExp(`^${e.kind} #${e.seq} hart0 @${e.instret} \\w+->\\w+ cause=${e.cause} \\(${e.name}\\) epc=${e.epc} tval=${e.tval}`), l);
        if (e.insn) assert.ok(l.includes(`insn=${e.insn} (${(e.disasm as string).replace(/\t/, ' ')})`), `disassembly in: ${l}`);
      }
    });
    // the illegal mret from U-mode is shown with its disassembly
    assert.ok(text.err.some((l) => /cause=2 \(illegal instruction\).* insn=0x30200073 \(mret\)/.test(l)), text.err.join('\n'));
  });

  it('H traps carry the guest-physical address', async function () {
    const r = await traced(['--trace=json', elfs.h_guest_pf]);
    const gpf = r.err.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.cause === 21);
    assert.ok(gpf.length >= 2, 'load guest-page faults traced');
    const toM = gpf.find((e) => (e.to as { priv: number }).priv === 3)!;
    // the program's first fault loads from guest-physical 0x100003008, its delegated one from 0x100003010
    assert.equal(toM.tval2, '0x' + (0x100003008n >> 2n).toString(16), 'mtval2 = GPA >> 2');
    assert.deepEqual(toM.from, { priv: 1, virt: true });
    const toHs = gpf.find((e) => (e.to as { priv: number }).priv === 1)!;
    assert.equal(toHs.htval, '0x' + (0x100003010n >> 2n).toString(16), 'htval = GPA >> 2');
  });

  it('rejects an unknown trace mode', async function () {
    await assert.rejects(() => traced(['--trace=xml', elfs.u_priv_insns]), /unknown mode 'xml'/);
    assert.ok(fs.existsSync(elfs.u_priv_insns));
    assert.ok(EXIT.usage > 0);
  });
});
