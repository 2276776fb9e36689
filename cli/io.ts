/** File access for the CLI: the engine itself never touches the file system. */
import * as fs from 'fs';
import * as path from 'path';
import type { Source } from '../engine/toolchain';
import { UsageError } from './args';

export function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function readSource(file: string): Source {
  return { file, text: Buffer.from(readBytes(file)).toString('utf8') };
}

/** `.include` resolution relative to the including file, as GNU as does. */
export function includeReader(p: string): string | undefined {
  try {
    return fs.readFileSync(path.resolve(p), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeBytes(file: string, bytes: Uint8Array, executable = false): void {
  try {
    fs.writeFileSync(file, bytes, { mode: executable ? 0o755 : 0o644 });
  } catch (e) {
    throw new UsageError(`cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** True when the file is an ELF (by magic), else it is treated as assembly source. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}
