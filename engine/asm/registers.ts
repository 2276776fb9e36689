/**
 * CSR names as GNU as 2.40 accepts them in csr operands, as a view over the
 * ISA's CSR tables (engine/isa/csrs.ts). Register names come straight from
 * engine/isa/registers.ts (parseXReg / parseFReg).
 *
 * What as 2.40 accepts, checked name by name against it: every name of the
 * ISA table and every legacy name binutils still knows (older privileged
 * specs), whatever -mpriv-spec or -march say (it only warns with
 * -mcsr-check); names are case-sensitive; and one alias the tables do not
 * list, below.
 */
import { CSRS, GNU_LEGACY_CSRS, csrByName } from '../isa/csrs';

/** Names as 2.40 accepts for a CSR the ISA table lists under another name. */
const AS_ALIASES: Readonly<Record<string, string>> = { dscratch: 'dscratch0' };

const LEGACY = new Map<string, number>(GNU_LEGACY_CSRS.map(([num, name]) => [name, num]));

/** The CSR number GNU as 2.40 assembles for `name`, or undefined when it rejects the name. */
export function csrNumber(name: string): number | undefined {
  const canonical = Object.prototype.hasOwnProperty.call(AS_ALIASES, name) ? AS_ALIASES[name] : name;
  const c = csrByName(canonical);
  // csrByName ignores case; as does not
  if (c && c.name === canonical) return c.num;
  return LEGACY.get(name);
}

/** Every CSR name csrNumber accepts (for suggestions and completion). */
export const CSR_NAMES: readonly string[] = Object.freeze([
  ...new Set([...CSRS.map((c) => c.name), ...LEGACY.keys(), ...Object.keys(AS_ALIASES)]),
]);
