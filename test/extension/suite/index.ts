/**
 * The integration suite's entry point inside VS Code's extension host (the
 * `extensionTestsPath` module): runs every *.spec.js beside it with mocha and
 * writes each test's outcome to $RESULTS_FILE, which the runner outside
 * (test/extension/host.test.ts, or scripts/e2e-electron.mjs) reads.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { skipReasons } from './helpers';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
  reason?: string;
}

export interface SuiteResults {
  results: TestResult[];
  /** Facts measured on the way (activation time...). */
  metrics: Record<string, number>;
}

export const metrics: Record<string, number> = {};

function reasonFor(t: Mocha.Runnable): string | undefined {
  for (let r: Mocha.Runnable | Mocha.Suite | undefined = t; r; r = r.parent) {
    const reason = skipReasons.get(r.fullTitle());
    if (reason) return reason;
  }
  return undefined;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const dir = __dirname;
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.spec.js')) mocha.addFile(path.join(dir, f));
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.RESULTS_FILE;
      if (out) fs.writeFileSync(out, JSON.stringify({ results, metrics } satisfies SuiteResults, null, 2));
      if (failures > 0 || results.length === 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending', reason: reasonFor(t) }));
  });
}
