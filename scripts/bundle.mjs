// Bundles each shipped entry point into one file under dist/: VS Code loads
// the extension and spawns the language server and debug adapter from there,
// and bin/hyperstep.js runs the CLI from there, so none of them needs
// node_modules at run time. Type checking is tsc's job (`npm run build`
// runs it first); esbuild only strips types and links.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const entries = [
  { in: 'client/extension.ts', out: 'extension' },
  { in: 'server/main.ts', out: 'server' },
  { in: 'debugger/main.ts', out: 'debugger' },
  { in: 'cli/main.ts', out: 'cli' },
];

const missing = entries.filter((e) => !existsSync(join(root, e.in)));
if (missing.length > 0) {
  console.error(`bundle: missing entry point(s): ${missing.map((e) => e.in).join(', ')}`);
  process.exit(1);
}

try {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Provided by the VS Code extension host at run time.
    external: ['vscode'],
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed the errors.
  process.exit(1);
}
