#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm run build` into dist/cli.js).
'use strict';
const path = require('path');
const fs = require('fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`hyperstep: ${cli} is missing; run \`npm run build\` first\n`);
  process.exit(2);
}
require(cli); // the bundle starts its own entry (see scripts/bundle.mjs)
