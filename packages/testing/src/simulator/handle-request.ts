import type { IncomingMessage, ServerResponse } from "node:http";
import { Exchange } from "./exchange.js";
import { notFoundResponse } from "./not-found.js";
import type { ErrorResponse, RequestContext } from "./protocol.js";
import { PROTOCOLS } from "./protocols.js";
import { type RequestLog, redactHeaders, redactQuery } from "./request-log.js";
import { route, splitUrl } from "./router.js";
import { runStep } from "./run-step.js";
import type { ScriptQueue } from "./script-queue.js";
import { sendErrorResponse } from "./send-body.js";
import type { RecordedRequest, SimulatorStep } from "./types.js";
import { validateStep } from "./validate-step.js";

/** Shared state one server's handler needs. */
export interface HandlerState {
  readonly apiKeys: ReadonlySet<string>;
  readonly log: RequestLog;
  readonly queue: ScriptQueue;
  /** Requests seen so far; the next one gets `sequence + 1`. */
  sequence: number;
}

const NOT_JSON = Symbol("not-json");
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads the body; resolves `undefined` if the client went away or sent too much. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.once("end", () =>
      resolve(
        size > MAX_BODY_BYTES ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
      ),
    );
    request.once("error", () => resolve(undefined));
  });
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return NOT_JSON;
  }
}

function record(
  state: HandlerState,
  request: IncomingMessage,
  path: string,
  query: Readonly<Record<string, string>>,
  fields: Pick<RecordedRequest, "provider" | "body" | "stream" | "model">,
): RecordedRequest {
  // One literal with a fixed field order keeps every record the same hidden class (hot path).
  const entry: RecordedRequest = {
    provider: fields.provider,
    method: request.method ?? "GET",
    path,
    query: redactQuery(query),
    headers: redactHeaders(request.headers),
    body: fields.body,
    stream: fields.stream,
    model: fields.model,
    receivedAt: Date.now(),
  };
  state.log.add(entry);
  return entry;
}

/** Answers one HTTP request: route, record, authenticate, validate, then run a step. */
export async function handleRequest(
  state: HandlerState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const exchange = new Exchange(request, response);

  const { path, query } = splitUrl(request.url);
  const method = request.method ?? "GET";
  const target = route(method, path);
  const raw = await readBody(request);
  if (raw === undefined) {
    exchange.send(413, { "content-type": "text/plain" }, "request body too large or aborted");
    return;
  }
  const body = parseJson(raw);
  const recordedBody = body === NOT_JSON ? undefined : body;

  if (target.kind !== "provider") {
    record(state, request, path, query, {
      provider: null,
      body: recordedBody,
      stream: false,
      model: undefined,
    });
    if (target.kind === "root") exchange.send(200, { "content-type": "text/plain" }, "");
    else sendErrorResponse(exchange, notFoundResponse(method, path, request.headers));
    return;
  }

  const providerRoute = target.route;
  const protocol = PROTOCOLS[providerRoute.provider];
  const parsed = protocol.parse(recordedBody, providerRoute, query);
  const entry = record(state, request, path, query, {
    provider: providerRoute.provider,
    body: recordedBody,
    stream: parsed.stream,
    model: parsed.model === "" ? undefined : parsed.model,
  });
  state.sequence++;
  const context: RequestContext = {
    provider: providerRoute.provider,
    sequence: state.sequence,
    requestId: protocol.requestId(state.sequence),
    createdSeconds: Math.floor(entry.receivedAt / 1000),
    request: parsed,
    route: providerRoute,
    query,
    record: entry,
  };

  // Like the real APIs: authentication first, then body validation; neither consumes a step.
  const rejection: ErrorResponse | undefined =
    protocol.authenticate(request.headers, query, state.apiKeys, context) ??
    (body === NOT_JSON
      ? protocol.invalidJson(context)
      : parsed.invalid !== undefined
        ? protocol.invalidRequest(parsed.invalid, context)
        : undefined);
  if (rejection !== undefined) {
    sendErrorResponse(exchange, rejection);
    return;
  }

  const next = state.queue.next(providerRoute.provider);
  let step: SimulatorStep;
  try {
    step = typeof next === "function" ? next(entry) : next;
    if (typeof next === "function") validateStep(providerRoute.provider, step);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    exchange.send(500, { "content-type": "text/plain" }, `llmc simulator: step failed: ${message}`);
    return;
  }
  await runStep(step, exchange, protocol, context);
}
