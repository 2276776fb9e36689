import * as assert from 'assert';
import * as path from 'path';
import { checkDependencies, importsOf, repoSources, violation } from './imports';

const root = path.resolve(__dirname, '..', '..', '..');

describe('architecture: dependency direction', () => {
  it('holds for every source file in the repository', () => {
    const files = repoSources(root);
    // Guard against a scan that silently sees nothing.
    assert.ok(files.some((f) => f.path.startsWith('engine/')), 'no engine/ sources found');
    assert.ok(files.some((f) => importsOf(f.text).length > 0), 'no imports found at all');
    const found = checkDependencies(files);
    assert.deepStrictEqual(
      found.map((v) => `${v.file}: '${v.specifier}': ${v.reason}`),
      [],
    );
  });

  describe('the checker', () => {
    it('finds every form of import', () => {
      const text = [
        `import a from 'm1';`,
        `import { b } from "m2";`,
        `import type { C } from 'm3';`,
        `import * as d from 'm4';`,
        `import 'm5';`,
        `export { e } from 'm6';`,
        `export * from 'm7';`,
        `const f = require('m8');`,
        `const g = import('m9');`,
        `import h = require('m10');`,
        `// import x from 'not-in-a-comment';`,
        `const s = "import y from 'not-in-a-string'";`,
      ].join('\n');
      assert.deepStrictEqual(importsOf(text).sort(), ['m1', 'm10', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'].sort());
    });

    const cases: [file: string, specifier: string, broken: boolean][] = [
      ['engine/cpu/hart.ts', '../../cli/main', true],
      ['engine/cpu/hart.ts', '../../server/main', true],
      ['engine/cpu/hart.ts', '../../debugger/main', true],
      ['engine/cpu/hart.ts', '../../client/extension', true],
      ['engine/cpu/hart.ts', '../../test/support/tools', true],
      ['engine/cpu/hart.ts', 'fs', true],
      ['engine/cpu/hart.ts', 'node:fs', true],
      ['engine/cpu/hart.ts', 'fs/promises', true],
      ['engine/cpu/hart.ts', 'child_process', true],
      ['engine/cpu/hart.ts', 'net', true],
      ['engine/cpu/hart.ts', 'http', true],
      ['engine/cpu/hart.ts', 'vscode', true],
      ['engine/cpu/hart.ts', '../../../outside', true],
      ['engine/cpu/hart.ts', '../mem/bus', false],
      ['engine/cpu/hart.ts', '../host', false],
      ['server/main.ts', '../client/extension', true],
      ['server/main.ts', 'vscode', true],
      ['server/main.ts', '../engine/asm/lexer', false],
      ['server/main.ts', 'vscode-languageserver/node', false],
      ['server/main.ts', 'fs', false],
      ['debugger/main.ts', '../client/extension', true],
      ['debugger/main.ts', 'vscode', true],
      ['debugger/main.ts', '../engine/machine/machine', false],
      ['cli/main.ts', '../client/extension', true],
      ['cli/main.ts', 'vscode', true],
      ['cli/main.ts', '../engine/machine/machine', false],
      ['test/cpu/x.test.ts', '../../client/extension', false],
      ['test/cpu/x.test.ts', 'vscode', true],
      ['test/extension/suite/x.test.ts', 'vscode', false],
      ['test/cpu/x.test.ts', '../../engine/cpu/hart', false],
      ['client/extension.ts', 'vscode', false],
      ['client/extension.ts', './commands', false],
      ['client/extension.ts', '../engine/asm/lexer', false],
    ];
    for (const [file, specifier, broken] of cases) {
      it(`${broken ? 'rejects' : 'allows'} '${specifier}' in ${file}`, () => {
        const reason = violation(file, specifier);
        assert.strictEqual(reason !== undefined, broken, reason ?? 'no violation reported');
      });
    }

    it('reports a violation in a synthetic source tree', () => {
      const found = checkDependencies([
        { path: 'engine/devices/disk.ts', text: `import * as fs from 'fs';\nimport { Bus } from '../mem/bus';\n` },
        { path: 'server/main.ts', text: `export * from '../client/extension';\n` },
        { path: 'client/extension.ts', text: `import * as vscode from 'vscode';\n` },
      ]);
      assert.deepStrictEqual(
        found.map((v) => [v.file, v.specifier]),
        [
          ['engine/devices/disk.ts', 'fs'],
          ['server/main.ts', '../client/extension'],
        ],
      );
    });
  });
});
