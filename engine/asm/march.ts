/**
 * -march strings: which extensions they enable, the ISA string GNU as writes
 * as Tag_RISCV_arch (canonical order, versions, implied extensions) and the
 * ELF flags that follow from it.
 */
import type { Extension } from '../isa/types';

/** Versions GNU binutils 2.40 records for each extension (ISA spec 20191213). */
const VERSIONS: Record<string, string> = {
  i: '2p1', e: '2p0', m: '2p0', a: '2p1', f: '2p2', d: '2p2', q: '2p2', c: '2p0', h: '1p0', v: '1p0',
  zicsr: '2p0', zifencei: '2p0', zihintpause: '2p0', zmmul: '1p0',
  zba: '1p0', zbb: '1p0', zbc: '1p0', zbs: '1p0', zicbom: '1p0', zicbop: '1p0', zicboz: '1p0',
};

/** GNU's canonical order of single-letter extensions (after the base). */
const SINGLE_ORDER = 'mafdqlcbkjtpvnh';

/** Extensions each one implies (transitively applied). */
const IMPLIES: Record<string, string[]> = {
  g: ['i', 'm', 'a', 'f', 'd', 'zicsr', 'zifencei'],
  d: ['f'],
  f: ['zicsr'],
  q: ['d'],
  m: ['zmmul'],
};

const TABLE_EXT: Record<string, Extension> = {
  i: 'I', m: 'M', a: 'A', f: 'F', d: 'D', c: 'C', h: 'H',
  zicsr: 'Zicsr', zifencei: 'Zifencei', zba: 'Zba', zbb: 'Zbb', zbc: 'Zbc', zbs: 'Zbs',
  zihintpause: 'Zihintpause', zmmul: 'Zmmul',
};

export interface Arch {
  xlen: 64;
  /** Lower-case extension names, including implied ones. */
  names: Set<string>;
  /** The extensions in the instruction table's vocabulary. */
  exts: Set<Extension>;
  /** Tag_RISCV_arch string. */
  isaString: string;
}

export const DEFAULT_MARCH = 'rv64imafd_zicsr_zifencei';

/** Parses a -march / `.option arch` string. Returns an error message on failure. */
export function parseMarch(march: string): Arch | string {
  const s = march.trim().toLowerCase();
  const m = /^rv(32|64)(.*)$/.exec(s);
  if (!m) return `-march=${march}: ISA string must begin with rv32 or rv64`;
  if (m[1] !== '64') return `-march=${march}: only RV64 is supported`;
  let rest = m[2];
  const names = new Set<string>();
  const base = rest[0];
  if (base !== 'i' && base !== 'g' && base !== 'e') return `-march=${march}: first ISA extension must be 'e', 'i' or 'g'`;
  const parts = rest.split('_');
  const singles = parts[0];
  const add = (x: string) => {
    if (names.has(x)) return;
    names.add(x);
    for (const y of IMPLIES[x] ?? []) add(y);
  };
  let i = 0;
  while (i < singles.length) {
    const c = singles[i++];
    if (!/[a-z]/.test(c)) return `-march=${march}: unexpected '${c}'`;
    if (c === 'z' || c === 's' || c === 'x') return `-march=${march}: multi-letter extensions must be separated by '_'`;
    if (c !== 'g' && c !== 'i' && c !== 'e' && !SINGLE_ORDER.includes(c)) return `-march=${march}: unknown extension '${c}'`;
    // optional version like 2p0
    const v = /^[0-9]+(p[0-9]+)?/.exec(singles.slice(i));
    if (v) i += v[0].length;
    add(c);
  }
  for (const p of parts.slice(1)) {
    if (p === '') continue;
    const name = p.replace(/[0-9]+(p[0-9]+)?$/, '');
    if (name.length === 1 && SINGLE_ORDER.includes(name)) {
      add(name);
      continue;
    }
    if (VERSIONS[name] === undefined) return `-march=${march}: unknown extension '${name}'`;
    add(name);
  }
  names.delete('g');
  const exts = new Set<Extension>();
  for (const n of names) {
    const e = TABLE_EXT[n];
    if (e) exts.add(e);
  }
  return { xlen: 64, names, exts, isaString: isaString(names) };
}

function multiRank(n: string): number {
  const cls = n[0] === 'z' ? 0 : n[0] === 's' ? 1 : 2;
  const second = SINGLE_ORDER.indexOf(n[1]);
  const sec = n[1] === 'i' ? -1 : second < 0 ? 99 : second;
  return cls * 1000 + sec;
}

function isaString(names: Set<string>): string {
  const base = names.has('e') && !names.has('i') ? 'e' : 'i';
  const out = [`rv64${base}${VERSIONS[base]}`];
  for (const c of SINGLE_ORDER) if (names.has(c)) out.push(`${c}${VERSIONS[c] ?? '2p0'}`);
  const multi = [...names].filter((n) => n.length > 1);
  multi.sort((a, b) => multiRank(a) - multiRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const n of multi) out.push(`${n}${VERSIONS[n] ?? '1p0'}`);
  return out.join('_');
}

/** e_flags: EF_RISCV_RVC when C is on, float ABI from the extensions (as GNU without -mabi). */
export function elfFlags(arch: Arch): number {
  let f = arch.names.has('c') ? 1 : 0;
  if (arch.names.has('q')) f |= 6;
  else if (arch.names.has('d')) f |= 4;
  return f;
}
