/**
 * scripts/test.mjs is what CI's verdict rests on: its last line must count
 * what ran, and its exit status must reflect failures, so check both on
 * small fixture suites.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tools';

const root = path.resolve(__dirname, '..', '..', '..');
const runner = path.join(root, 'scripts', 'test.mjs');

function runFixture(source: string, env: Record<string, string> = {}) {
  const dir = tempDir('runner');
  const file = path.join(dir, 'fixture.test.js');
  fs.writeFileSync(file, source);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('HYPERSTEP_TEST_GREP' in env)) delete childEnv.HYPERSTEP_TEST_GREP;
  const r = spawnSync(process.execPath, [runner, file], { encoding: 'utf8', env: childEnv, timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = (r.stdout ?? '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { status: r.status, last: lines[lines.length - 1], stdout: r.stdout ?? '' };
}

describe('test runner (scripts/test.mjs)', () => {
  it('counts passes, failures (tests and hooks) and skips; exits non-zero on failure', () => {
    const r = runFixture(`
      describe('a', function () { before(function () { this.skip(); }); it('x', () => {}); it('y', () => {}); });
      describe('b', function () { it('p', () => {}); it('f', () => { throw new Error('boom'); }); it.skip('s', () => {}); });
      describe('c', function () { before(function () { throw new Error('hook'); }); it('z', () => {}); });
    `);
    assert.strictEqual(r.last, '1 passed, 2 failed, 3 skipped', r.stdout);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /boom/);
  });

  it('exits zero when everything passes, with the summary as the last line', () => {
    const r = runFixture(`describe('a', () => { it('p', () => { console.log('noise'); }); it('q', () => {}); });`);
    assert.strictEqual(r.last, '2 passed, 0 failed, 0 skipped', r.stdout);
    assert.strictEqual(r.status, 0);
  });

  it('fails when no test ran', () => {
    const r = runFixture(`describe('a', () => { it.skip('s', () => {}); });`);
    assert.strictEqual(r.last, '0 passed, 0 failed, 1 skipped', r.stdout);
    assert.strictEqual(r.status, 1);
  });

  it('counts a test file that throws while loading as a failure', () => {
    const r = runFixture(`throw new Error('cannot load');`);
    assert.strictEqual(r.last, '0 passed, 1 failed, 0 skipped', r.stdout);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /cannot load/);
  });

  it('does not hang on a handle a test leaves open', () => {
    const r = runFixture(`describe('a', () => { it('p', () => { setInterval(() => {}, 1000); }); });`);
    assert.strictEqual(r.last, '1 passed, 0 failed, 0 skipped', r.stdout);
    assert.strictEqual(r.status, 0);
  });

  it('selects tests with HYPERSTEP_TEST_GREP', () => {
    const r = runFixture(`describe('a', () => { it('wanted', () => {}); it('other', () => { throw new Error('x'); }); });`, {
      HYPERSTEP_TEST_GREP: 'wanted',
    });
    assert.strictEqual(r.last, '1 passed, 0 failed, 0 skipped', r.stdout);
    assert.strictEqual(r.status, 0);
  });
});
