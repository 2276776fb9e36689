/**
 * The project's dependency direction, checked by reading import statements.
 *
 *   engine/    a pure library: nothing from the other layers, no Node built-in
 *              modules (files and the console are reached through engine/host.ts),
 *              no `vscode`
 *   cli/, server/, debugger/   may use the engine; never client/; no `vscode`
 *              (that module exists only inside the VS Code extension host)
 *   client/    the only place that may import `vscode`; nothing imports it
 *   test/      may import anything but client/
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

export interface SourceFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

export const LAYERS = ['engine', 'cli', 'server', 'debugger', 'client', 'test'] as const;
type Layer = (typeof LAYERS)[number];

/** Layers a layer must not import from (besides itself, always allowed). */
const FORBIDDEN_LAYERS: Record<Layer, Layer[]> = {
  engine: ['cli', 'server', 'debugger', 'client', 'test'],
  cli: ['client', 'test'],
  server: ['client', 'test'],
  debugger: ['client', 'test'],
  client: ['test'],
  // Tests may import whatever they test, the extension's modules included.
  test: [],
};

const builtins = new Set(builtinModules);

function isBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return builtins.has(specifier) || builtins.has(specifier.split('/')[0]);
}

function layerOf(repoPath: string): Layer | undefined {
  const top = repoPath.split('/')[0];
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : undefined;
}

/** Every module a file names: static and dynamic imports, re-exports, require(). */
export function importsOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The rule, if any, that importing `specifier` from `file` breaks. */
export function violation(file: string, specifier: string): string | undefined {
  const from = layerOf(file);
  if (!from) return undefined;
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target.startsWith('..')) return `${from}/ reaches outside the repository`;
    const to = layerOf(target);
    if (to && to !== from && FORBIDDEN_LAYERS[from].includes(to)) return `${from}/ must not import from ${to}/`;
    return undefined;
  }
  // The extension-host integration suite (test/extension/) runs inside VS Code.
  if (specifier === 'vscode' && from !== 'client' && !file.startsWith('test/extension/')) return `only client/ (and the extension-host tests) may import vscode`;
  if (from === 'engine' && isBuiltin(specifier)) {
    return `engine/ must not use the Node module '${specifier}' (go through engine/host.ts)`;
  }
  return undefined;
}

export function checkDependencies(files: SourceFile[]): Violation[] {
  const found: Violation[] = [];
  for (const f of files) {
    for (const specifier of importsOf(f.text)) {
      const reason = violation(f.path, specifier);
      if (reason) found.push({ file: f.path, specifier, reason });
    }
  }
  return found;
}

/** The TypeScript sources of every layer in the repository at `root`. */
export function repoSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) {
        files.push({ path: child, text: fs.readFileSync(path.join(root, child), 'utf8') });
      }
    }
  };
  for (const layer of LAYERS) walk(layer);
  return files;
}
