import type { Exchange } from "./exchange.js";
import type { RawFault } from "./types.js";

/** Writes a `raw` step: one body at once, or an array of pieces (with optional delays). */
export async function sendRaw(exchange: Exchange, step: RawFault): Promise<void> {
  const headers = step.headers ?? {};
  if (typeof step.body === "string" || step.body instanceof Uint8Array) {
    exchange.send(step.status, headers, step.body);
    return;
  }
  const pieces = step.body as readonly (string | Uint8Array)[];
  exchange.startStream(step.status, headers);
  for (let index = 0; index < pieces.length; index++) {
    if (index > 0 && step.chunkDelayMs !== undefined && step.chunkDelayMs > 0) {
      if (!(await exchange.delay(step.chunkDelayMs))) return;
    }
    exchange.write(pieces[index]!);
  }
  exchange.end();
}
