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

// Each entry is bundled on its own, with HYPERSTEP_ENTRY defined as its name:
// a bundle holds other entries' modules too (the CLI contains the server and
// the adapter), and only the bundle's own entry may start itself.
try {
  await Promise.all(
    entries.map((e) =>
      esbuild.build({
        absWorkingDir: root,
        entryPoints: [e.in],
        outfile: `dist/${e.out}.js`,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: true,
        define: { HYPERSTEP_ENTRY: JSON.stringify(e.out) },
        // Provided by the VS Code extension host at run time.
        external: ['vscode'],
        logLevel: 'warning',
      }),
    ),
  );
} catch {
  // esbuild has already printed the errors.
  process.exit(1);
}
