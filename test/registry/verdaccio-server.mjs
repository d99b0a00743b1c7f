#!/usr/bin/env node
// Child process for the registry round-trip test: runs Verdaccio on 127.0.0.1 with
// a free port and prints {"port": N} on one stdout line once it listens. It stops by
// itself when its parent closes stdin (the test ended or died) and, whatever
// happens, after a lifetime cap, so a crashed test run never leaves it behind.
// Usage: node verdaccio-server.mjs CONFIG.yaml [LIFETIME_SECONDS]
import { runServer } from "verdaccio";

const [config, lifetimeArg] = process.argv.slice(2);
if (!config) {
  process.stderr.write("usage: node verdaccio-server.mjs CONFIG.yaml [LIFETIME_SECONDS]\n");
  process.exit(2);
}
const lifetime = Number(lifetimeArg ?? 600);

const server = await runServer(config);
let stopping = false;
function stop(why) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`verdaccio-server: stopping (${why})\n`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2_000).unref(); // keep-alive sockets must not hold us
}

server.on("error", (e) => { process.stderr.write(`verdaccio-server: ${e.message}\n`); process.exit(1); });
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n");
});
process.stdin.on("end", () => stop("stdin closed"));
process.stdin.on("error", () => stop("stdin error"));
process.stdin.resume();
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
setTimeout(() => stop(`lifetime of ${lifetime} s reached`), lifetime * 1000).unref();
