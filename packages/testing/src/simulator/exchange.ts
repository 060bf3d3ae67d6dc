import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * One request/response pair with the bookkeeping every fault needs: once the client goes
 * away (or the simulator closes), writes become no-ops and pending delays resolve `false`,
 * so no handler keeps writing into a dead socket or keeps a timer alive.
 */
export class Exchange {
  #open = true;
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: (open: boolean) => void }>();

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
  ) {
    response.once("close", () => this.#finish());
  }

  /** False once the response ended, the client disconnected or the socket was destroyed. */
  get open(): boolean {
    return this.#open && !this.response.destroyed;
  }

  /** Waits `ms`; resolves `false` (early) if the exchange closes meanwhile. */
  delay(ms: number): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.#timers.delete(entry);
          resolve(this.open);
        }, ms),
        resolve,
      };
      this.#timers.add(entry);
    });
  }

  /** A complete response with a known body (the hot path: one writeHead, one end). */
  send(status: number, headers: Readonly<Record<string, string>>, body: string | Uint8Array): void {
    if (!this.open) return;
    this.response.writeHead(status, {
      ...headers,
      "content-length":
        typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength,
    });
    this.response.end(body);
  }

  /** Status line and headers now, body later (streams, stalls). */
  startStream(status: number, headers: Readonly<Record<string, string>>): void {
    if (!this.open) return;
    this.response.writeHead(status, headers);
    this.response.flushHeaders();
  }

  write(chunk: string | Uint8Array): void {
    if (this.open) this.response.write(chunk);
  }

  end(chunk?: string | Uint8Array): void {
    if (!this.open) return;
    if (chunk === undefined) this.response.end();
    else this.response.end(chunk);
  }

  /**
   * Kills the connection mid-body, after what was already written has reached the kernel
   * (an empty socket write completes only after the earlier ones). `"reset"` sends a TCP RST
   * (client: ECONNRESET); `"eof"` closes cleanly at TCP level, leaving the HTTP body short.
   */
  cut(mode: "reset" | "eof"): void {
    this.#finish();
    const socket = this.request.socket;
    if (socket.destroyed) return;
    socket.write("", () => {
      if (mode === "reset" && typeof socket.resetAndDestroy === "function")
        socket.resetAndDestroy();
      else socket.destroySoon();
    });
  }

  #finish(): void {
    this.#open = false;
    for (const entry of this.#timers) {
      clearTimeout(entry.timer);
      entry.resolve(false);
    }
    this.#timers.clear();
  }
}
