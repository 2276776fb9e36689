/**
 * The extension's manifest (package.json `contributes`), .vscodeignore and
 * the vscode-free client modules, checked in plain Node.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MODES } from '../../client/modes';
import { parseTrapEventBody } from '../../client/debug/trap-event';
import { page } from '../../client/webview/html';
import { lanesOf, trapFlowSvg } from '../../client/webview/trap-flow-svg';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const clientSource = (f: string) => fs.readFileSync(path.join(root, 'client', f), 'utf8');

describe('extension manifest', () => {
  it('activates only on specific events', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onDebug') && !events.includes('onStartupFinished'), events.join(', '));
    for (const e of ['onLanguage:riscv-asm', 'onDebugResolve:hyperstep', 'onDebugDynamicConfigurations:hyperstep']) assert.ok(events.includes(e), e);
    for (const c of pkg.contributes.commands) assert.ok(events.includes(`onCommand:${c.command}`), `onCommand:${c.command}`);
  });

  it('declares every command the client registers, and registers every declared one', () => {
    const registered = [...clientSource('commands.ts').matchAll(/reg\('([\w.]+)'/g)].map((m) => m[1]).sort();
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(registered, declared);
    for (const c of ['hyperstep.run', 'hyperstep.debug', 'hyperstep.compare', 'hyperstep.selectMode', 'hyperstep.assemble', 'hyperstep.showDisassembly', 'hyperstep.openTrapFlow']) {
      assert.ok(declared.includes(c), c);
    }
  });

  it('offers the same modes in the launch schema, the setting and the client', () => {
    const dbg = pkg.contributes.debuggers.find((d: { type: string }) => d.type === 'hyperstep');
    const props = dbg.configurationAttributes.launch.properties;
    assert.deepStrictEqual(props.mode.enum, [...MODES]);
    assert.deepStrictEqual(pkg.contributes.configuration.properties['hyperstep.mode'].enum, [...MODES]);
    for (const a of ['program', 'mode', 'domains', 'bios', 'machine', 'stopOnEntry', 'costModel', 'maxInstructions']) assert.ok(props[a], `launch attribute ${a}`);
    assert.deepStrictEqual(pkg.contributes.breakpoints, [{ language: 'riscv-asm' }]);
  });

  it('needs a VS Code that vscode-languageclient supports', () => {
    const lc = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    const min = (range: string) => range.replace(/^[\^~>=]+/, '').split('.').map(Number);
    const [a, b] = [min(pkg.engines.vscode), min(lc.engines.vscode)];
    assert.ok(a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]), `engines.vscode ${pkg.engines.vscode} >= ${lc.engines.vscode}`);
  });

  it('ships the files it refers to', () => {
    const c = pkg.contributes;
    const files = [pkg.icon, ...c.snippets.map((s: { path: string }) => s.path), ...c.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) => w.steps.map((s) => s.media.markdown))];
    for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), f);
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m, '.vscodeignore starts from nothing');
    for (const keep of ['dist/extension.js', 'dist/server.js', 'dist/debugger.js', 'package.json', 'LICENSE', 'syntaxes/**', 'images/**', 'snippets/**']) assert.ok(ignore.includes(`!${keep}`), keep);
    JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'riscv-asm.json'), 'utf8'));
  });
});

describe('webview content', () => {
  it('allows no script and no remote resource', () => {
    const html = page({ cspSource: 'vscode-webview://x', title: 'T <&>', body: '<p>b</p>' });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|https?:|\*/);
    assert.match(html, /<title>T &lt;&amp;&gt;<\/title>/);
  });

  it('draws one arrow per trap event between mode lanes, escaping names', () => {
    const events = parseTrapEventBody({
      events: [
        { kind: 'return', name: 'mret', from: 'M', to: 'U', epc: '0x80000034' },
        { kind: 'trap', name: 'illegal <instruction>', cause: 2, from: 'U', to: 'M', epc: '0x80000038' },
        { kind: 'interrupt', name: 'timer', from: 'S', to: 'M' },
        { bogus: true },
      ],
    });
    assert.strictEqual(events.length, 3);
    assert.deepStrictEqual(lanesOf(events), ['U', 'S', 'M']);
    const svg = trapFlowSvg(events);
    assert.strictEqual((svg.match(/<g class="event /g) ?? []).length, 3);
    assert.match(svg, /class="event trap"/);
    assert.match(svg, /illegal &lt;instruction&gt;/);
    assert.doesNotMatch(svg, /<instruction>/);
    assert.deepStrictEqual(parseTrapEventBody(undefined), []);
  });
});
