import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Real recorded provider responses, copied byte-for-byte into this package (see SOURCES.md
 * there) so the suite needs nothing outside the repository. Test data only: not published.
 */
export const RECORDED_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../fixtures/recorded",
);

export function listRecordings(): string[] {
  return readdirSync(RECORDED_DIR)
    .filter((name) => name !== "SOURCES.md" && !name.startsWith("."))
    .sort();
}

export function readRecording(name: string): string {
  return readFileSync(path.join(RECORDED_DIR, name), "utf8");
}

export function readRecordingJson<T = unknown>(name: string): T {
  return JSON.parse(readRecording(name)) as T;
}
