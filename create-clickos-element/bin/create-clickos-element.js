#!/usr/bin/env node
// `npm create clickos-element`: a shim over the bundled scaffolder in dist/.
import "../dist/index.js";
