/**
 * Everything the engine needs from the world outside it. The engine never
 * touches the file system, the console or the clock directly: the CLI, the
 * debug adapter and the tests pass an implementation in.
 */
export interface Host {
  /** Bytes the guest wrote to its console (UART or HTIF). */
  consoleWrite(bytes: Uint8Array): void;
  /** Reads a file the guest program refers to (e.g. `.include`, `--bios`). */
  readFile?(path: string): Uint8Array | undefined;
  /** Diagnostic text from the engine itself (warnings, notices). */
  log?(message: string): void;
}

/** A host that collects console output in memory: tests and tools use it. */
export class BufferHost implements Host {
  private chunks: Uint8Array[] = [];
  consoleWrite(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice());
  }
  get output(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }
}
