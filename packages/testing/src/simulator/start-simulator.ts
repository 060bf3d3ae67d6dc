import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type HandlerState, handleRequest } from "./handle-request.js";
import { RequestLog } from "./request-log.js";
import { ScriptQueue } from "./script-queue.js";
import {
  type ScriptStep,
  SIMULATOR_PROVIDERS,
  type Simulator,
  type SimulatorProvider,
  type StartSimulatorOptions,
} from "./types.js";

export const DEFAULT_API_KEYS: readonly string[] = ["sk-test"];

/**
 * Starts the simulator on loopback and resolves once it listens. Always `close()` it (e.g. in
 * `afterAll`); close never waits for hung or stalled requests.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const log = new RequestLog(options.maxRecordedRequests);
  const queue = new ScriptQueue();
  const state: HandlerState = {
    apiKeys: new Set(options.apiKeys ?? DEFAULT_API_KEYS),
    log,
    queue,
    sequence: 0,
  };
  const sockets = new Set<Socket>();

  const server = createServer({ keepAlive: true }, (request, response) => {
    handleRequest(state, request, response).catch((error: unknown) => {
      // A bug in the simulator must not crash the test process; answer 500 if still possible.
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(`llmc simulator internal error: ${String(error)}`);
      } else {
        response.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  // A client that sends garbage gets a 400 from node; never let it surface as an exception.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  const url = `http://${hostForUrl}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    port,
    openai: { baseURL: `${url}/v1` },
    openrouter: { baseURL: `${url}/api/v1` },
    gemini: { baseUrl: url },
    anthropic: { baseUrl: url },
    script(provider: SimulatorProvider, ...steps: ScriptStep[]) {
      queue.push(checkProvider(provider), steps);
    },
    setDefault(provider: SimulatorProvider, step: ScriptStep) {
      queue.setDefault(checkProvider(provider), step);
    },
    pendingSteps: (provider: SimulatorProvider) => queue.pending(checkProvider(provider)),
    get requests() {
      return log.snapshot();
    },
    requestCount: (provider?: SimulatorProvider) => log.count(provider),
    reset() {
      queue.clear();
      log.clear();
      state.sequence = 0;
    },
    close,
  };
}

function checkProvider(provider: SimulatorProvider): SimulatorProvider {
  if (!SIMULATOR_PROVIDERS.includes(provider)) {
    throw new TypeError(
      `Unknown simulator provider "${String(provider)}"; expected one of ${SIMULATOR_PROVIDERS.join(", ")}`,
    );
  }
  return provider;
}
