/**
 * Entry point of the Hyperstep debug adapter (bundled to dist/debugger.js).
 * The adapter — stepping guest programs on the engine through the Debug
 * Adapter Protocol — is not written yet; until it is, this entry point says
 * so and fails rather than pretending to debug.
 */

process.stderr.write('hyperstep debug adapter: not implemented yet\n');
process.exitCode = 1;
