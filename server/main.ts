/**
 * Entry point of the RISC-V assembly language server (bundled to
 * dist/server.js). The server — diagnostics from the engine's assembler,
 * completion, hover — is not written yet; until it is, this entry point says
 * so and fails rather than pretending to serve.
 */

process.stderr.write('hyperstep language server: not implemented yet\n');
process.exitCode = 1;
