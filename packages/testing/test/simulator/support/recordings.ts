import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (this file is packages/testing/test/simulator/support/). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../..",
);

/**
 * Real recorded provider responses live in the shared folder beside the checkout (here and on
 * CI); they are read at test time, never copied into the repository.
 */
export const RECORDED_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/recorded");

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
