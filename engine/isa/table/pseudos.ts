/**
 * Multi-instruction pseudo-instructions. The assembler expands them; they are
 * listed here for hover and completion only.
 */
export interface PseudoSpec {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
}

export const PSEUDOS: readonly PseudoSpec[] = [
  { name: 'li', syntax: 'rd, imm', summary: 'Load any 64-bit constant (lui/addi(w)/slli sequence as needed)' },
  { name: 'la', syntax: 'rd, symbol', summary: 'Load the address of a symbol (auipc+addi, or a GOT load when PIC)' },
  { name: 'lla', syntax: 'rd, symbol', summary: 'Load the pc-relative address of a symbol (auipc+addi)' },
  { name: 'lga', syntax: 'rd, symbol', summary: 'Load the address of a symbol from the GOT (auipc+ld)' },
  { name: 'la.tls.gd', syntax: 'rd, symbol', summary: 'Address of a TLS symbol\'s global-dynamic descriptor' },
  { name: 'la.tls.ie', syntax: 'rd, symbol', summary: 'Load a TLS symbol\'s offset, initial-exec model' },
  { name: 'call', syntax: 'symbol', summary: 'Call a far function: auipc ra + jalr ra (may relax to jal)' },
  { name: 'call', syntax: 'rd, symbol', summary: 'Call a far function linking through rd: auipc rd + jalr rd' },
  { name: 'tail', syntax: 'symbol', summary: 'Tail-call a far function: auipc t1 + jalr x0, t1' },
  { name: 'jump', syntax: 'symbol, rt', summary: 'Far jump using rt as scratch: auipc rt + jalr x0, rt' },
  { name: 'lb', syntax: 'rd, symbol', summary: 'Load a byte from a symbol: auipc rd + lb rd' },
  { name: 'lbu', syntax: 'rd, symbol', summary: 'Load an unsigned byte from a symbol: auipc rd + lbu rd' },
  { name: 'lh', syntax: 'rd, symbol', summary: 'Load a halfword from a symbol: auipc rd + lh rd' },
  { name: 'lhu', syntax: 'rd, symbol', summary: 'Load an unsigned halfword from a symbol: auipc rd + lhu rd' },
  { name: 'lw', syntax: 'rd, symbol', summary: 'Load a word from a symbol: auipc rd + lw rd' },
  { name: 'lwu', syntax: 'rd, symbol', summary: 'Load an unsigned word from a symbol: auipc rd + lwu rd' },
  { name: 'ld', syntax: 'rd, symbol', summary: 'Load a doubleword from a symbol: auipc rd + ld rd' },
  { name: 'sb', syntax: 'rs2, symbol, rt', summary: 'Store a byte to a symbol using rt as scratch: auipc rt + sb' },
  { name: 'sh', syntax: 'rs2, symbol, rt', summary: 'Store a halfword to a symbol using rt as scratch: auipc rt + sh' },
  { name: 'sw', syntax: 'rs2, symbol, rt', summary: 'Store a word to a symbol using rt as scratch: auipc rt + sw' },
  { name: 'sd', syntax: 'rs2, symbol, rt', summary: 'Store a doubleword to a symbol using rt as scratch: auipc rt + sd' },
  { name: 'flw', syntax: 'fd, symbol, rt', summary: 'Load a single from a symbol using rt as scratch: auipc rt + flw' },
  { name: 'fld', syntax: 'fd, symbol, rt', summary: 'Load a double from a symbol using rt as scratch: auipc rt + fld' },
  { name: 'fsw', syntax: 'fs2, symbol, rt', summary: 'Store a single to a symbol using rt as scratch: auipc rt + fsw' },
  { name: 'fsd', syntax: 'fs2, symbol, rt', summary: 'Store a double to a symbol using rt as scratch: auipc rt + fsd' },
  { name: 'sext.b', syntax: 'rd, rs', summary: 'Sign-extend a byte without Zbb: slli + srai' },
  { name: 'sext.h', syntax: 'rd, rs', summary: 'Sign-extend a halfword without Zbb: slli + srai' },
  { name: 'zext.h', syntax: 'rd, rs', summary: 'Zero-extend a halfword without Zbb: slli + srli' },
  { name: 'zext.w', syntax: 'rd, rs', summary: 'Zero-extend a word without Zba: slli + srli' },
];
