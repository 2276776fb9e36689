/**
 * The VS Code extension's entry point.
 *
 * Today the extension contributes only declarative parts through package.json:
 * the `riscv-asm` language (file extensions, comment and bracket rules). The
 * language server (server/) and the debug adapter (debugger/) do not exist
 * yet, so there is nothing to start here; once they do, `activate` launches
 * dist/server.js through a language client and registers the debug adapter
 * for dist/debugger.js.
 */

export function activate(): void {
  // Nothing to start yet: see the note above.
}

export function deactivate(): void {
  // Nothing was started.
}
