/**
 * Runs the integration suite (test/extension/suite/*.spec.ts) inside a real
 * VS Code extension host — code-server's — with this repository as the
 * extension under development, and reports each of its tests here as a test
 * of its own, so `npm test` counts them. See test/e2e/code-server.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import type { SuiteResults } from './suite/index';
import { launchBrowser, makeWorkspace, needCodeServer, REPO, startCodeServer } from '../e2e/code-server';
import { tempDir } from '../support/tools';

const OUTPUT = path.join(REPO, 'test-output', 'extension');

describe('extension integration suite in VS Code (code-server)', function () {
  this.timeout(240_000);

  before(async function () {
    const cs = needCodeServer(this);
    for (const f of ['extension.js', 'server.js', 'debugger.js', 'cli.js']) {
      assert.ok(fs.existsSync(path.join(REPO, 'dist', f)), `dist/${f} is built (npm run build)`);
    }
    const root = tempDir('vscode-it');
    const ws = makeWorkspace(root);
    const resultsFile = path.join(root, 'results.json');
    const server = await startCodeServer(cs, root, { testDriver: true });
    const browser = await launchBrowser(path.join(root, 'browser'));
    const console_: string[] = [];
    let suiteResults: SuiteResults | undefined;
    const t0 = Date.now();
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.on('console', (m) => console_.push(m.text()));
      const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
      const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
      await page.goto(
        server.url(ws, [
          ['extensionDevelopmentPath', remote(REPO)],
          ['extensionTestsPath', remote(path.join(REPO, 'out', 'test', 'extension', 'suite', 'index.js'))],
          ['extensionEnvironment', JSON.stringify({ RESULTS_FILE: resultsFile, CI: process.env.CI ?? '' })],
        ]),
        // The suite's end is the signal; the page's own load event may come much later.
        { waitUntil: 'commit', timeout: 60_000 },
      );
      const code = await Promise.race([exit, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('the suite did not finish within 200 s')), 200_000))]);
      if (!fs.existsSync(resultsFile)) throw new Error(`the suite ended (code ${code}) without writing results; extension host console:\n${console_.slice(-40).join('\n')}`);
      suiteResults = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
      console.log(`      (code-server start to suite end: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } finally {
      fs.mkdirSync(OUTPUT, { recursive: true });
      fs.writeFileSync(path.join(OUTPUT, 'extension-host-console.log'), console_.join('\n'));
      fs.writeFileSync(path.join(OUTPUT, 'code-server.log'), server.log());
      if (suiteResults) fs.writeFileSync(path.join(OUTPUT, 'results.json'), JSON.stringify(suiteResults, null, 2));
      await browser.close();
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
    // One test here per test in there: mocha runs tests added by a suite's before hook.
    const suite = this.test!.parent!;
    for (const r of suiteResults.results) {
      suite.addTest(
        new Mocha.Test(r.title, function (this: Mocha.Context) {
          if (r.state === 'pending') {
            console.log(`      skipped: ${r.reason ?? 'no reason given'}`);
            this.skip();
          }
          if (r.state === 'failed') throw new Error(`in the extension host: ${r.error}`);
        }),
      );
    }
  });

  // Mocha runs a suite's hooks only when it has a test; this one also checks there were results.
  it('ran the suite in the extension host', function () {
    // Filled in by the before hook; nothing here can pass unless it ran.
    assert.ok(this.test!.parent!.tests.length > 1, 'the extension host reported no tests');
  });
});
