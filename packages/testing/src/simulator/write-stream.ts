import type { Exchange } from "./exchange.js";
import type { StreamScript } from "./protocol.js";

/** What happens when a stream fault strikes after `afterChunks` deltas. */
export interface StreamInterruption {
  readonly afterChunks: number;
  /** Called instead of the remaining deltas and the suffix. */
  readonly strike: () => void;
}

/**
 * Writes a stream: headers, prefix events, deltas (with `chunkDelayMs` between them), suffix.
 * With an interruption, stops after `afterChunks` deltas (clamped to the number of deltas)
 * and hands over. Stops silently as soon as the client disconnects.
 */
export async function writeStream(
  exchange: Exchange,
  script: StreamScript,
  chunkDelayMs: number,
  interruption?: StreamInterruption,
): Promise<void> {
  exchange.startStream(200, script.headers);
  for (const event of script.prefix) exchange.write(event);
  const stopAt = interruption === undefined ? Number.POSITIVE_INFINITY : interruption.afterChunks;
  for (let index = 0; index < script.deltas.length; index++) {
    if (index >= stopAt) break;
    if (chunkDelayMs > 0 && index > 0 && !(await exchange.delay(chunkDelayMs))) return;
    exchange.write(script.deltas[index]!);
  }
  if (!exchange.open) return;
  if (interruption !== undefined) {
    interruption.strike();
    return;
  }
  if (chunkDelayMs > 0 && script.deltas.length > 0 && !(await exchange.delay(chunkDelayMs))) return;
  for (let index = 0; index < script.suffix.length - 1; index++)
    exchange.write(script.suffix[index]!);
  exchange.end(script.suffix[script.suffix.length - 1]);
}
