#!/usr/bin/env node
// The clickos command: a shim over the bundled CLI in dist/.
import "../dist/cli.js";
