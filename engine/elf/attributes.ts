/** The .riscv.attributes section GNU as writes: one "riscv" subsection with Tag_RISCV_arch (and optionally stack_align). */
import { Writer } from './bytes';

export function buildAttributes(arch: string, stackAlign?: number): Uint8Array {
  const attrs = new Writer();
  if (stackAlign !== undefined) attrs.uleb(4).uleb(stackAlign);
  attrs.uleb(5).cstr(arch);
  const body = attrs.finish();
  const w = new Writer();
  w.u8(0x41);
  w.u32(4 + 6 + 5 + body.length); // length of the vendor subsection, counted from its length field
  w.cstr('riscv');
  w.u8(1); // Tag_File
  w.u32(5 + body.length);
  w.bytes(body);
  return w.finish();
}
