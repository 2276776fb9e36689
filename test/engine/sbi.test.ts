/** The SBI implementation against the SBI v2.0 specification's rules. */
import { strict as assert } from 'assert';
import { EXT, maskedHarts, sbiCall, sbiCallName, SBI_ERR_INVALID_PARAM, SBI_ERR_NOT_SUPPORTED, type SbiPlatform } from '../../engine/firmware/sbi';

function platform(harts = 4) {
  const log: string[] = [];
  const out: number[] = [];
  const input = [65, 66];
  const mem = new Uint8Array(4096);
  const p: SbiPlatform = {
    hartCount: harts,
    consoleWrite: (b) => out.push(...b),
    consoleRead: () => (input.length ? input.shift()! : -1),
    readPhys: (a, n) => (a >= 0x1000n && a + BigInt(n) <= 0x2000n ? mem.slice(Number(a) - 0x1000, Number(a) - 0x1000 + n) : undefined),
    writePhys: (a, b) => {
      if (a < 0x1000n || a + BigInt(b.length) > 0x2000n) return false;
      mem.set(b, Number(a) - 0x1000);
      return true;
    },
    setTimer: (h, t) => log.push(`timer ${h} ${t}`),
    sendIpi: (h) => log.push(`ipi ${h}`),
    clearIpi: (h) => log.push(`clear ${h}`),
    remoteFence: (h, k) => log.push(`${k} ${h}`),
    hartStatus: (h) => (h === 0 ? 0n : 1n),
    hartStart: (h, s) => (log.push(`start ${h} ${s}`), 0n),
    hartStop: (h) => (log.push(`stop ${h}`), 0n),
    systemReset: (t, r) => log.push(`reset ${t} ${r}`),
    mvendorid: 0n,
    marchid: 0x70216n,
    mimpid: 0x70216n,
  };
  return { p, log, out, mem };
}

const call = (p: SbiPlatform, eid: number, fid: number, ...args: bigint[]) => sbiCall(p, { hart: 0, eid, fid, args });

describe('SBI v2.0', () => {
  it('reports spec version 2.0 and probes only what it implements', () => {
    const { p } = platform();
    assert.deepEqual(call(p, EXT.base, 0), { error: 0n, value: 2n << 24n });
    for (const e of [EXT.time, EXT.ipi, EXT.rfence, EXT.hsm, EXT.srst, EXT.dbcn, EXT.legacyPutchar]) assert.equal(call(p, EXT.base, 3, BigInt(e)).value, 1n);
    assert.equal(call(p, EXT.base, 3, 0x504d55n).value, 0n, 'PMU is not implemented');
    assert.equal(call(p, EXT.base, 5).value, 0x70216n);
    assert.equal(call(p, 0x12345, 0).error, SBI_ERR_NOT_SUPPORTED);
    assert.equal(call(p, EXT.base, 99).error, SBI_ERR_NOT_SUPPORTED);
  });

  it('DBCN writes from physical memory, rejects bad addresses, reads input', () => {
    const { p, out, mem } = platform();
    mem.set([104, 105], 0x10);
    assert.deepEqual(call(p, EXT.dbcn, 0, 2n, 0x1010n, 0n), { error: 0n, value: 2n });
    assert.deepEqual(out, [104, 105]);
    assert.equal(call(p, EXT.dbcn, 0, 2n, 0x9000n, 0n).error, SBI_ERR_INVALID_PARAM);
    assert.equal(call(p, EXT.dbcn, 0, 2n, 0x1010n, 1n).error, SBI_ERR_INVALID_PARAM, 'addresses above 64 bits');
    assert.deepEqual(call(p, EXT.dbcn, 1, 4n, 0x1020n, 0n), { error: 0n, value: 2n });
    assert.deepEqual(Array.from(mem.slice(0x20, 0x22)), [65, 66]);
    call(p, EXT.dbcn, 2, 0x21n);
    assert.equal(out[out.length - 1], 0x21);
  });

  it('hart masks select harts relative to the base, -1 base means all', () => {
    assert.deepEqual(maskedHarts(0b101n, 0n, 4), [0, 2]);
    assert.deepEqual(maskedHarts(0b1n, 2n, 4), [2]);
    assert.deepEqual(maskedHarts(0n, -1n, 3), [0, 1, 2]);
    assert.equal(maskedHarts(0b1n, 4n, 4), undefined);
    const { p, log } = platform();
    assert.equal(call(p, EXT.ipi, 0, 0b11n, 1n).error, 0n);
    assert.deepEqual(log, ['ipi 1', 'ipi 2']);
    assert.equal(call(p, EXT.ipi, 0, 0b1n, 9n).error, SBI_ERR_INVALID_PARAM);
  });

  it('TIME, HSM and SRST validate their arguments', () => {
    const { p, log } = platform();
    call(p, EXT.time, 0, 12345n);
    assert.deepEqual(call(p, EXT.hsm, 2, 0n), { error: 0n, value: 0n });
    assert.equal(call(p, EXT.hsm, 2, 7n).error, SBI_ERR_INVALID_PARAM);
    call(p, EXT.hsm, 0, 1n, 0x80200000n, 5n);
    assert.equal(call(p, EXT.srst, 0, 3n, 0n).error, SBI_ERR_INVALID_PARAM);
    assert.equal(call(p, EXT.srst, 0, 0n, 2n).error, SBI_ERR_INVALID_PARAM);
    call(p, EXT.srst, 0, 0n, 1n);
    assert.deepEqual(log, ['timer 0 12345', 'start 1 2149580800', 'reset 0 1']);
  });

  it('legacy calls return one value in a0', () => {
    const { p, out } = platform();
    assert.deepEqual(call(p, EXT.legacyGetchar, 0), { error: 65n, value: 0n, legacy: true });
    call(p, EXT.legacyPutchar, 0, 0x41n);
    assert.deepEqual(out, [0x41]);
  });

  it('names calls for traces', () => {
    assert.equal(sbiCallName(EXT.time, 0), 'TIME.set_timer');
    assert.equal(sbiCallName(EXT.legacyPutchar, 0), 'legacy console_putchar');
    assert.equal(sbiCallName(0x99, 1), 'extension 0x99 function 1');
  });
});
