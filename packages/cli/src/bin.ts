#!/usr/bin/env node
import { main } from "./main.js";

// Ctrl-C aborts a call in flight (the adapter cancels the request and settles the budget)
// instead of killing the process mid-settle; a second Ctrl-C exits at once.
const interrupt = new AbortController();
process.once("SIGINT", () => {
  interrupt.abort();
  process.once("SIGINT", () => process.exit(130));
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: interrupt.signal,
});
