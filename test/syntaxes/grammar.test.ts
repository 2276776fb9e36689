/**
 * The TextMate grammar, run through the same tokenizer and regex engine VS
 * Code uses (vscode-textmate on Oniguruma), on lines written for it and on
 * every line of the bundled examples.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.join(root, 'syntaxes', 'riscv-asm.tmLanguage.json');

interface Token {
  text: string;
  scopes: string[];
}

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.riscv-asm'
        ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  const grammar = await registry.loadGrammar('source.riscv-asm');
  if (!grammar) throw new Error('grammar did not load');
  return grammar;
}

function tokenizeLines(grammar: textmate.IGrammar, text: string): Token[][] {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/**
 * The innermost scope (without the language suffix) of each non-blank token,
 * neighbours with the same scopes merged (the tokenizer splits at rule edges).
 */
function shape(tokens: Token[]): [string, string][] {
  const merged: Token[] = [];
  for (const t of tokens) {
    const last = merged[merged.length - 1];
    if (last && last.scopes.join(' ') === t.scopes.join(' ')) last.text += t.text;
    else merged.push({ text: t.text, scopes: t.scopes });
  }
  return merged
    .filter((t) => t.text.trim() !== '' && t.scopes.length > 1)
    .map((t) => [t.text.trim(), t.scopes[t.scopes.length - 1].replace(/\.riscv-asm$/, '')]);
}

describe('riscv-asm TextMate grammar', () => {
  let grammar: textmate.IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is the grammar package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'riscv-asm');
    assert.strictEqual(path.resolve(root, entry.path), grammarPath);
    assert.strictEqual(entry.scopeName, JSON.parse(fs.readFileSync(grammarPath, 'utf8')).scopeName);
  });

  const cases: [string, [string, string][]][] = [
    [
      'loop: addi a0, a0, -1   # count down',
      [
        ['loop', 'entity.name.label'],
        [':', 'punctuation.separator.label'],
        ['addi', 'keyword.other.mnemonic'],
        ['a0', 'variable.language.register'],
        ['a0', 'variable.language.register'],
        ['-', 'keyword.operator'],
        ['1', 'constant.numeric'],
        ['# count down', 'comment.line.number-sign'],
      ],
    ],
    ['    .section .rodata', [['.section', 'keyword.control.directive']]],
    [
      '1:  bnez t0, 1b',
      [
        ['1', 'entity.name.label'],
        [':', 'punctuation.separator.label'],
        ['bnez', 'keyword.other.mnemonic'],
        ['t0', 'variable.language.register'],
        ['1b', 'entity.name.label.reference.local'],
      ],
    ],
    [
      'lui a0, %hi(msg)',
      [
        ['lui', 'keyword.other.mnemonic'],
        ['a0', 'variable.language.register'],
        ['%hi', 'support.function.relocation'],
      ],
    ],
    [
      '  fadd.d ft0, fs11, fa7',
      [
        ['fadd.d', 'keyword.other.mnemonic'],
        ['ft0', 'variable.language.register'],
        ['fs11', 'variable.language.register'],
        ['fa7', 'variable.language.register'],
      ],
    ],
    [
      '.asciz "a # b\\n"',
      [
        ['.asciz', 'keyword.control.directive'],
        ['"a # b', 'string.quoted.double'],
        ['\\n', 'constant.character.escape'],
        ['"', 'string.quoted.double'],
      ],
    ],
    ['li t1, 0x5555', [['li', 'keyword.other.mnemonic'], ['t1', 'variable.language.register'], ['0x5555', 'constant.numeric']]],
    ['start:', [['start', 'entity.name.label'], [':', 'punctuation.separator.label']]],
    ['#include "defs.h"', [['#include "defs.h"', 'meta.preprocessor']]],
    ['  sd x31, 8(sp)  # x32 and s12 are not registers', [
      ['sd', 'keyword.other.mnemonic'],
      ['x31', 'variable.language.register'],
      ['8', 'constant.numeric'],
      ['sp', 'variable.language.register'],
      ['# x32 and s12 are not registers', 'comment.line.number-sign'],
    ]],
    ['  mv s12, x32', [['mv', 'keyword.other.mnemonic']]],
  ];
  for (const [line, expected] of cases) {
    it(`scopes ${JSON.stringify(line)}`, () => {
      assert.deepStrictEqual(shape(tokenizeLines(grammar, line)[0]), expected);
    });
  }

  it('carries a block comment across lines', () => {
    const lines = tokenizeLines(grammar, '/* one\ntwo */ nop');
    assert.deepStrictEqual(shape(lines[0]), [['/* one', 'comment.block']]);
    assert.deepStrictEqual(shape(lines[1])[0], ['two */', 'comment.block']);
  });

  for (const example of ['examples/hello/hello.s', 'examples/bench/cpu.s']) {
    it(`starts every statement of ${example} with a label, directive or mnemonic`, () => {
      const text = fs.readFileSync(path.join(root, example), 'utf8');
      const lines = tokenizeLines(grammar, text);
      const starts = new Set(['entity.name.label', 'keyword.control.directive', 'keyword.other.mnemonic', 'comment.line.number-sign']);
      lines.forEach((tokens, i) => {
        const first = shape(tokens)[0];
        if (first) assert.ok(starts.has(first[1]), `${example}:${i + 1}: '${first[0]}' has scope ${first[1]}`);
      });
    });
  }
});
