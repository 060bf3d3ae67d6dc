import type { Exchange } from "./exchange.js";
import type { ProviderProtocol, RequestContext } from "./protocol.js";
import { resolveReply } from "./resolve-reply.js";
import { sendErrorResponse } from "./send-body.js";
import { sendRaw } from "./send-raw.js";
import { runStreamFault } from "./stream-faults.js";
import type { SimulatorStep } from "./types.js";
import { writeStream } from "./write-stream.js";

/** Executes one step for one request. Resolves when the handler is done writing. */
export async function runStep(
  step: SimulatorStep,
  exchange: Exchange,
  protocol: ProviderProtocol,
  context: RequestContext,
): Promise<void> {
  if (step.latencyMs !== undefined && step.latencyMs > 0) {
    if (!(await exchange.delay(step.latencyMs))) return;
  }
  switch (step.fault) {
    case undefined: {
      const reply = resolveReply(step, context.request, protocol);
      if (context.request.stream) {
        return writeStream(exchange, protocol.streamScript(reply, context), reply.chunkDelayMs);
      }
      return exchange.send(
        200,
        protocol.successHeaders(context),
        protocol.replyBody(reply, context),
      );
    }
    case "hang":
      // Never answer; the socket stays open until the client gives up or close() destroys it.
      return;
    case "raw":
      return sendRaw(exchange, step);
    case "blocked-prompt": {
      // validateStep admits this fault only for providers that implement it.
      const blocked = protocol.blockedPrompt!(step, context);
      if (typeof blocked === "string") {
        return exchange.send(200, protocol.successHeaders(context), blocked);
      }
      return writeStream(exchange, blocked, 0);
    }
    case "cut-stream":
    case "stall-stream":
    case "malformed-json":
    case "midstream-error":
      return runStreamFault(step, exchange, protocol, context);
    default:
      return sendErrorResponse(exchange, protocol.errorResponse(step, context));
  }
}
