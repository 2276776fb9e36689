/**
 * Translator from guest basic blocks to JavaScript functions.
 *
 * A block is the straight-line run of instructions from an entry pc up to and
 * including the first control transfer, never crossing a 4 KiB page (so the
 * decode cache's page invalidation also drops its blocks). Common integer
 * instructions, loads and stores are emitted inline over the hart's typed
 * arrays; every other instruction calls its interpreter handler, so the
 * translator needs no semantics of its own beyond those templates.
 *
 * Retired-instruction accounting stays exact: the generated code adds the
 * count of completed instructions to `h.instret` before anything that could
 * observe it (a handler call, a slow memory path) and before leaving the block.
 * A block also leaves early when a handler stops the hart or requests an
 * event (e.g. a CSR write that enables an interrupt), just as the interpreter
 * checks between instructions.
 */
import type { Handler, Hart, Op } from './hart';
import { umulhi32 } from './exec/rv_m';

/** Helpers generated code may call, passed in as `F`. */
const HELPERS = { umulhi32 };
const refFn = (name: keyof typeof HELPERS): string => `F.${name}`;

export type BlockFn = (h: Hart, pc: number) => number;

export interface Block {
  fn: BlockFn;
  /** Instructions in the entry block (the least a call runs unless it traps). */
  n: number;
  /** Instructions in the whole region. */
  total: number;
}

/** Instructions per block at most (keeps generated functions small for V8). */
export const MAX_BLOCK = 64;

const CONTROL = new Set(['jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'mret', 'sret', 'ecall', 'ebreak', 'wfi', 'fence.i']);

export function endsBlock(op: Op): boolean {
  return op.insn === undefined || CONTROL.has(op.insn.exec);
}

/** One straight-line block of a region: its page offset and instructions. */
export interface RegionBlock {
  start: number;
  ops: Op[];
}

/** Page offsets a block can continue at directly (within the same page). */
export function successors(b: RegionBlock): number[] {
  let off = b.start;
  for (const o of b.ops) off += o.len;
  const last = b.ops[b.ops.length - 1];
  const name = last.insn?.exec ?? '';
  const lastOff = off - last.len;
  if (!CONTROL.has(name)) return [off];
  if (name === 'jal') return [lastOff + last.imm];
  if (BRANCHES.has(name)) return [lastOff + last.imm, off];
  return [];
}

const BRANCHES = new Set(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']);

/**
 * Compiles a region — blocks of one page, the first being the entry — into one
 * function. Control transfers between the region's blocks stay inside the
 * function (a loop over a switch on the page offset), so hot loops and
 * if/else shapes run without returning to the dispatcher; every other exit
 * returns the next pc. Before each block the function checks that a whole
 * block still fits under `h.limit`, so events stay instruction-exact.
 */
export function compileRegion(blocks: RegionBlock[], isBreakpoint: (pageOffset: number) => boolean = () => false): Block {
  const consts: unknown[] = [];
  const ref = (v: unknown): string => {
    consts.push(v);
    return `C[${consts.length - 1}]`;
  };
  // Jumps to a block start inside the region stay inside — unless a
  // breakpoint sits there, which the dispatcher must see.
  const starts = new Set(blocks.map((b) => b.start).filter((s) => !isBreakpoint(s)));
  const goto = (off: number): string => (starts.has(off) ? `{o=${off};break S;}` : `return b+${off};`);
  const cases: string[] = [];
  let total = 0;
  for (const blk of blocks) {
    const lines: string[] = [];
    let pending = 0;
    const flush = (): string => {
      const r = pending ? `h.instret+=${pending};` : '';
      pending = 0;
      return r;
    };
    let off = blk.start;
    let terminated = false;
    let selfLoop = false;
    for (const o of blk.ops) {
      const name = o.insn?.exec ?? '';
      const D = o.d;
      const S1 = o.s1;
      const S2 = o.s2;
      const I = o.imm;
      const pcK = `(b+${off})`;
      const nextOff = off + o.len;
      const next = `(b+${nextOff})`;
      const ea = `x[${S1 + 1}]*4294967296+(x[${S1}]>>>0)+${I}`;
      const inline = CONTROL.has(name) ? undefined : template(name, o, D, S1, S2, I, I >> 31, pcK, ea);
      if (inline !== undefined) {
        if (typeof inline === 'string') lines.push(inline);
        else {
          const count = pending + 1;
          lines.push(
            // Under translation/PMP (dBase is NaN) the hart's one-page cache for
            // this access kind still gives a RAM offset when the page matches.
            `{const a=${ea};let o=a-h.dBase;if(o!==o&&a-(a&4095)===h.${inline.slow === 'loadSlow' ? 'loadVPage' : 'storeVPage'})o=h.${inline.slow === 'loadSlow' ? 'loadRamPage' : 'storeRamPage'}+(a&4095);` +
              `if(${inline.cond}){${inline.fast}}else{h.instret+=${count};` +
              `if(!h.${inline.slow}(a,${inline.size},${inline.slowArgs}${pcK}))return h.trapPc;h.instret-=${count};${inline.after}` +
              `if(h.stop||h.eventAt<=h.instret+${count}){h.instret+=${count};return ${next};}}}`,
          );
        }
        pending++;
        off = nextOff;
        continue;
      }
      if (name === 'jal' || name === 'jalr' || BRANCHES.has(name)) {
        pending++;
        // A branch back to this block's own start loops in place (the common
        // tight loop), checking only that another pass fits under the limit.
        const n = blk.ops.length;
        const jump = (t: number): string =>
          t === blk.start && !isBreakpoint(t) ? ((selfLoop = true), `{if(h.instret+${n}<=h.limit&&!h.stop)continue;return b+${t};}`) : goto(t);
        const setLink = D === 64 ? '' : `{const v=${next};x[${D}]=v|0;x[${D + 1}]=Math.floor(v/4294967296)|0;}`;
        if (name === 'jal') lines.push(`${setLink}${flush()}${jump(off + I)}`);
        else if (name === 'jalr') lines.push(`{let t=${ea};t-=t&1;${setLink}${flush()}return t;}`);
        else lines.push(`${flush()}if(${branchCond(name, S1, S2)})${jump(off + I)}${goto(nextOff)}`);
        terminated = true;
        off = nextOff;
        break;
      }
      // Everything else runs the interpreter's handler.
      lines.push(`${flush()}{const r=${ref(o.fn)}(h,${ref(o)},${pcK});h.instret++;if(r!==${next}||h.stop||h.eventAt<=h.instret)return r;}`);
      off = nextOff;
      if (CONTROL.has(name)) {
        lines.push(`return ${next};`);
        terminated = true;
        break;
      }
    }
    if (!terminated) lines.push(`${flush()}${goto(off)}`);
    total += blk.ops.length;
    const code = lines.join('\n');
    cases.push(`case ${blk.start}:${selfLoop ? `for(;;){\n${code}\n}` : `{\n${code}\n}`}`);
  }
  const entry = blocks[0].start;
  const body =
    `"use strict";return function region(h,pc){const x=h.x;const b=pc-${entry};let o=${entry};\n` +
    `for(;;){S:switch(o){\n${cases.join('\n')}\ndefault:return b+o;}\n` +
    `if(h.instret+${MAX_BLOCK}>h.limit||h.stop)return b+o;}};`;
  const fn = new Function('C', 'F', body)(consts, HELPERS) as BlockFn;
  return { fn, n: blocks[0].ops.length, total };
}

interface MemTemplate {
  cond: string;
  fast: string;
  slow: 'loadSlow' | 'storeSlow';
  size: number;
  slowArgs: string;
  after: string;
}

const SET_W = (D: number, v: string) => `{const v=${v};x[${D}]=v;x[${D + 1}]=v>>31;}`;

function template(name: string, o: Op, D: number, S1: number, S2: number, I: number, IH: number, pcK: string, _ea: string): string | MemTemplate | undefined {
  if (D === 64 && !isMem(name) && !CONTROL.has(name) && INLINE_PURE.has(name)) return ''; // writes x0: no effect
  switch (name) {
    case 'addi':
      if (S1 === 0) return `x[${D}]=${I};x[${D + 1}]=${IH};`;
      if (I === 0) return `x[${D}]=x[${S1}];x[${D + 1}]=x[${S1 + 1}];`;
      return `{const a=x[${S1}];const l=(a+${I})|0;x[${D + 1}]=(x[${S1 + 1}]+${IH}+((l>>>0)<(a>>>0)?1:0))|0;x[${D}]=l;}`;
    case 'add':
      return `{const a=x[${S1}],b=x[${S2}];const l=(a+b)|0;x[${D + 1}]=(x[${S1 + 1}]+x[${S2 + 1}]+((l>>>0)<(a>>>0)?1:0))|0;x[${D}]=l;}`;
    case 'sub':
      return `{const a=x[${S1}],b=x[${S2}];x[${D + 1}]=(x[${S1 + 1}]-x[${S2 + 1}]-((a>>>0)<(b>>>0)?1:0))|0;x[${D}]=(a-b)|0;}`;
    case 'and':
      return `x[${D}]=x[${S1}]&x[${S2}];x[${D + 1}]=x[${S1 + 1}]&x[${S2 + 1}];`;
    case 'or':
      return `x[${D}]=x[${S1}]|x[${S2}];x[${D + 1}]=x[${S1 + 1}]|x[${S2 + 1}];`;
    case 'xor':
      return `x[${D}]=x[${S1}]^x[${S2}];x[${D + 1}]=x[${S1 + 1}]^x[${S2 + 1}];`;
    case 'andi':
      return `x[${D + 1}]=x[${S1 + 1}]&${IH};x[${D}]=x[${S1}]&${I};`;
    case 'ori':
      return `x[${D + 1}]=x[${S1 + 1}]|${IH};x[${D}]=x[${S1}]|${I};`;
    case 'xori':
      return `x[${D + 1}]=x[${S1 + 1}]^${IH};x[${D}]=x[${S1}]^${I};`;
    case 'lui':
      return `x[${D}]=${I};x[${D + 1}]=${IH};`;
    case 'auipc':
      return `{const v=${pcK}+${I};x[${D}]=v|0;x[${D + 1}]=Math.floor(v/4294967296)|0;}`;
    case 'slli': {
      const n = I & 63;
      if (n === 0) return `x[${D}]=x[${S1}];x[${D + 1}]=x[${S1 + 1}];`;
      if (n < 32) return `{const l=x[${S1}];x[${D + 1}]=(x[${S1 + 1}]<<${n})|(l>>>${32 - n});x[${D}]=l<<${n};}`;
      return `x[${D + 1}]=x[${S1}]<<${n - 32};x[${D}]=0;`;
    }
    case 'srli': {
      const n = I & 63;
      if (n === 0) return `x[${D}]=x[${S1}];x[${D + 1}]=x[${S1 + 1}];`;
      if (n < 32) return `{const hi=x[${S1 + 1}];x[${D}]=(x[${S1}]>>>${n})|(hi<<${32 - n});x[${D + 1}]=hi>>>${n};}`;
      return `x[${D}]=x[${S1 + 1}]>>>${n - 32};x[${D + 1}]=0;`;
    }
    case 'srai': {
      const n = I & 63;
      if (n === 0) return `x[${D}]=x[${S1}];x[${D + 1}]=x[${S1 + 1}];`;
      if (n < 32) return `{const hi=x[${S1 + 1}];x[${D}]=(x[${S1}]>>>${n})|(hi<<${32 - n});x[${D + 1}]=hi>>${n};}`;
      return `{const hi=x[${S1 + 1}];x[${D}]=hi>>${n - 32};x[${D + 1}]=hi>>31;}`;
    }
    case 'addiw':
      return SET_W(D, `(x[${S1}]+${I})|0`);
    case 'addw':
      return SET_W(D, `(x[${S1}]+x[${S2}])|0`);
    case 'subw':
      return SET_W(D, `(x[${S1}]-x[${S2}])|0`);
    case 'slliw':
      return SET_W(D, `x[${S1}]<<${I & 31}`);
    case 'srliw':
      return SET_W(D, `(x[${S1}]>>>${I & 31})|0`);
    case 'sraiw':
      return SET_W(D, `x[${S1}]>>${I & 31}`);
    case 'mul':
      return `{const al=x[${S1}],ah=x[${S1 + 1}],bl=x[${S2}],bh=x[${S2 + 1}];x[${D + 1}]=(${refFn('umulhi32')}(al,bl)+Math.imul(al,bh)+Math.imul(ah,bl))|0;x[${D}]=Math.imul(al,bl);}`;
    case 'mulw':
      return SET_W(D, `Math.imul(x[${S1}],x[${S2}])`);
    case 'slt':
    case 'sltu': {
      const hiA = name === 'slt' ? `x[${S1 + 1}]` : `(x[${S1 + 1}]>>>0)`;
      const hiB = name === 'slt' ? `x[${S2 + 1}]` : `(x[${S2 + 1}]>>>0)`;
      return `{const ah=${hiA},bh=${hiB};x[${D}]=(ah<bh||(ah===bh&&(x[${S1}]>>>0)<(x[${S2}]>>>0)))?1:0;x[${D + 1}]=0;}`;
    }
    case 'lw':
      return mem('o>=0&&o<h.ramSize&&(o&3)===0', `${SET_W(D, 'h.ram32[o>>>2]')}`, 'loadSlow', 4, '', SET_W(D, 'h.tmp[0]'));
    case 'lwu':
      return mem('o>=0&&o<h.ramSize&&(o&3)===0', `x[${D}]=h.ram32[o>>>2];x[${D + 1}]=0;`, 'loadSlow', 4, '', `x[${D}]=h.tmp[0];x[${D + 1}]=0;`);
    case 'ld':
      return mem(
        'o>=0&&o<h.ramSize&&(o&7)===0',
        `const i=o>>>2;x[${D}]=h.ram32[i];x[${D + 1}]=h.ram32[i+1];`,
        'loadSlow',
        8,
        '',
        `x[${D}]=h.tmp[0];x[${D + 1}]=h.tmp[1];`,
      );
    case 'lb':
      return mem('o>=0&&o<h.ramSize', SET_W(D, '(h.ram8[o]<<24)>>24'), 'loadSlow', 1, '', SET_W(D, '(h.tmp[0]<<24)>>24'));
    case 'lbu':
      return mem('o>=0&&o<h.ramSize', `x[${D}]=h.ram8[o];x[${D + 1}]=0;`, 'loadSlow', 1, '', `x[${D}]=h.tmp[0]&255;x[${D + 1}]=0;`);
    case 'lh':
      return mem('o>=0&&o<h.ramSize&&(o&1)===0', SET_W(D, '(h.ram16[o>>>1]<<16)>>16'), 'loadSlow', 2, '', SET_W(D, '(h.tmp[0]<<16)>>16'));
    case 'lhu':
      return mem('o>=0&&o<h.ramSize&&(o&1)===0', `x[${D}]=h.ram16[o>>>1];x[${D + 1}]=0;`, 'loadSlow', 2, '', `x[${D}]=h.tmp[0]&65535;x[${D + 1}]=0;`);
    case 'sb':
      return storeT('o>=0&&o<h.ramSize', `h.ram8[o]=x[${S2}];`, 1, `x[${S2}],0,`);
    case 'sh':
      return storeT('o>=0&&o<h.ramSize&&(o&1)===0', `h.ram16[o>>>1]=x[${S2}];`, 2, `x[${S2}],0,`);
    case 'sw':
      return storeT('o>=0&&o<h.ramSize&&(o&3)===0', `h.ram32[o>>>2]=x[${S2}];`, 4, `x[${S2}],0,`);
    case 'sd':
      return storeT('o>=0&&o<h.ramSize&&(o&7)===0', `const i=o>>>2;h.ram32[i]=x[${S2}];h.ram32[i+1]=x[${S2 + 1}];`, 8, `x[${S2}],x[${S2 + 1}],`);
    default:
      return undefined;
  }
  void o;
}

/** Pure register ops whose only effect is writing rd (skippable when rd = x0). */
const INLINE_PURE = new Set(['mul', 'addi', 'add', 'sub', 'and', 'or', 'xor', 'andi', 'ori', 'xori', 'lui', 'auipc', 'slli', 'srli', 'srai', 'addiw', 'addw', 'subw', 'slliw', 'srliw', 'sraiw', 'mulw', 'slt', 'sltu']);

function isMem(name: string): boolean {
  return name === 'lw' || name === 'lwu' || name === 'ld' || name === 'lb' || name === 'lbu' || name === 'lh' || name === 'lhu' || name === 'sb' || name === 'sh' || name === 'sw' || name === 'sd';
}

function mem(cond: string, fast: string, slow: 'loadSlow', size: number, slowArgs: string, after: string): MemTemplate {
  return { cond, fast, slow, size, slowArgs, after };
}

/** Stores also track dirty pages and hand code/hook pages to the bus; a store
 * that hits decoded code ends the block so the new code is what runs next. */
function storeT(cond: string, fast: string, size: number, slowArgs: string): MemTemplate {
  return {
    cond,
    fast: `${fast}const p=o>>>12;h.dirty[p]=1;if(h.pageFlags[p]!==0){h.bus.noteWrite(o,${size});}`,
    slow: 'storeSlow',
    size,
    slowArgs,
    after: '',
  };
}

function branchCond(name: string, S1: number, S2: number): string {
  const a = `x[${S1}]`;
  const b = `x[${S2}]`;
  const ah = `x[${S1 + 1}]`;
  const bh = `x[${S2 + 1}]`;
  switch (name) {
    case 'beq':
      return `${a}===${b}&&${ah}===${bh}`;
    case 'bne':
      return `${a}!==${b}||${ah}!==${bh}`;
    case 'blt':
      return `(${ah}<${bh}||(${ah}===${bh}&&(${a}>>>0)<(${b}>>>0)))`;
    case 'bge':
      return `!(${ah}<${bh}||(${ah}===${bh}&&(${a}>>>0)<(${b}>>>0)))`;
    case 'bltu':
      return `((${ah}>>>0)<(${bh}>>>0)||(${ah}===${bh}&&(${a}>>>0)<(${b}>>>0)))`;
    case 'bgeu':
      return `!((${ah}>>>0)<(${bh}>>>0)||(${ah}===${bh}&&(${a}>>>0)<(${b}>>>0)))`;
    default:
      throw new Error(`not a branch: ${name}`);
  }
}

export type { Handler };
