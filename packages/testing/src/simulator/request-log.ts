import type { IncomingHttpHeaders } from "node:http";
import { REDACTED } from "@llmc/core";
import { type RecordedRequest, SIMULATOR_PROVIDERS, type SimulatorProvider } from "./types.js";

/** Headers that carry credentials; their values never reach the log. */
const SECRET_HEADERS = new Set(["authorization", "x-api-key", "x-goog-api-key"]);
/** Query parameters that carry credentials (Gemini accepts `?key=`). */
const SECRET_QUERY = new Set(["key"]);

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name)
      ? REDACTED
      : typeof value === "string"
        ? value
        : value.join(", ");
  }
  return out;
}

export function redactQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  let out: Record<string, string> | undefined;
  for (const name in query) {
    if (SECRET_QUERY.has(name)) {
      out ??= { ...query };
      out[name] = REDACTED;
    }
  }
  return out ?? (query as Record<string, string>);
}

/** Recorded requests plus per-provider counters (which survive the record limit). */
export class RequestLog {
  #records: RecordedRequest[] = [];
  #counts = new Map<SimulatorProvider, number>();
  #total = 0;

  constructor(private readonly maxRecords: number = Number.POSITIVE_INFINITY) {}

  add(record: RecordedRequest): void {
    if (record.provider !== null) {
      this.#counts.set(record.provider, (this.#counts.get(record.provider) ?? 0) + 1);
      this.#total++;
    }
    if (this.maxRecords <= 0) return;
    this.#records.push(record);
    // Trim in batches (at twice the limit) so a long run does not copy on every request.
    if (this.#records.length >= 2 * this.maxRecords) {
      this.#records = this.#records.slice(-this.maxRecords);
    }
  }

  snapshot(): readonly RecordedRequest[] {
    return this.#records.length > this.maxRecords
      ? this.#records.slice(-this.maxRecords)
      : this.#records.slice();
  }

  count(provider?: SimulatorProvider): number {
    if (provider === undefined) return this.#total;
    if (!SIMULATOR_PROVIDERS.includes(provider))
      throw new TypeError(`Unknown provider "${provider}"`);
    return this.#counts.get(provider) ?? 0;
  }

  clear(): void {
    this.#records = [];
    this.#counts.clear();
    this.#total = 0;
  }
}
