import type { Exchange } from "./exchange.js";
import type { PresetFault, ProviderProtocol, RequestContext } from "./protocol.js";
import { partialReply, resolveReply } from "./resolve-reply.js";
import { sendErrorResponse } from "./send-body.js";
import type {
  CutStreamFault,
  MalformedJsonFault,
  MidstreamErrorFault,
  StallStreamFault,
} from "./types.js";
import { writeStream } from "./write-stream.js";

/** Default number of deltas a stream fault lets through before striking. */
const DEFAULT_AFTER_CHUNKS = 1;

/** A body that starts like a completion and stops mid-value: not JSON. */
const MALFORMED_BODY = '{"id":"sim-malformed","object":"chat.completion","choices":[{"index":0,';

/** The faults that break a response after it has started. */
export type StreamFault =
  | CutStreamFault
  | StallStreamFault
  | MalformedJsonFault
  | MidstreamErrorFault;

/**
 * Streams `afterChunks` deltas of the fault's reply, then strikes. Non-streaming requests get
 * the closest equivalent: half a body then the cut, headers then silence, a broken JSON body,
 * or the provider's server error.
 */
export function runStreamFault(
  fault: StreamFault,
  exchange: Exchange,
  protocol: ProviderProtocol,
  context: RequestContext,
): Promise<void> | void {
  const stream = context.request.stream;
  const reply = resolveReply(
    fault.fault === "malformed-json" ? {} : (fault.reply ?? {}),
    context.request,
    protocol,
  );
  const afterChunks = fault.afterChunks ?? DEFAULT_AFTER_CHUNKS;
  const streamThen = (strike: () => void) =>
    writeStream(exchange, protocol.streamScript(reply, context), reply.chunkDelayMs, {
      afterChunks,
      strike,
    });

  switch (fault.fault) {
    case "cut-stream": {
      const cut = () => exchange.cut(fault.mode ?? "reset");
      if (stream) return streamThen(cut);
      const body = protocol.replyBody(reply, context);
      exchange.startStream(200, {
        ...protocol.successHeaders(context),
        "content-length": String(Buffer.byteLength(body, "utf8")),
      });
      exchange.write(body.slice(0, Math.floor(body.length / 2)));
      return cut();
    }
    case "stall-stream":
      if (stream) return streamThen(() => undefined);
      return exchange.startStream(200, protocol.successHeaders(context));
    case "malformed-json":
      if (stream) return streamThen(() => exchange.end(protocol.malformedEvent(context)));
      return exchange.send(200, protocol.successHeaders(context), MALFORMED_BODY);
    case "midstream-error": {
      if (!stream) {
        const serverFault: PresetFault = { fault: protocol.nonStreamingMidstreamFault };
        return sendErrorResponse(exchange, protocol.errorResponse(serverFault, context));
      }
      return streamThen(() => {
        const sent = partialReply(reply, afterChunks, fault.usage);
        const events = protocol.midstreamError(fault, sent, context);
        for (let index = 0; index < events.length - 1; index++) exchange.write(events[index]!);
        exchange.end(events[events.length - 1]);
      });
    }
  }
}
