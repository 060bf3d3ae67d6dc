import { describe, expect, it } from "vitest";
import { LineSplitter } from "./line-splitter.js";

function splitAll(chunks: readonly string[], maxLineChars = Number.MAX_SAFE_INTEGER) {
  const splitter = new LineSplitter(maxLineChars);
  const lines: string[] = [];
  let tooLong = false;
  for (const chunk of chunks) {
    const step = splitter.push(chunk);
    lines.push(...step.lines);
    tooLong ||= step.tooLong;
  }
  const last = splitter.end();
  if (last !== undefined) lines.push(last);
  return { lines, tooLong, scannedChars: splitter.scannedChars };
}

describe("LineSplitter", () => {
  it("splits lines across and within chunks, keeping empty lines and a last unterminated one", () => {
    expect(splitAll(["a\nb", "c\n\nd", "", "e\nf"]).lines).toEqual(["a", "bc", "", "de", "f"]);
    expect(splitAll(["x\n"]).lines).toEqual(["x"]);
    expect(splitAll([]).lines).toEqual([]);
  });

  it("reads a 32 MB line in 64 KiB chunks, searching each character once (linear, not quadratic)", () => {
    const chunkChars = 64 * 1024;
    const body = "x".repeat(chunkChars);
    const chunks = Array.from({ length: 512 }, () => body); // 32 MiB, no newline
    chunks.push('"}\n{"type":"result"}\n');
    const { lines, scannedChars } = splitAll(chunks);
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBe(512 * chunkChars + 2);
    expect(lines[1]).toBe('{"type":"result"}');
    // Re-searching the open line on every chunk would scan ~512²/2 × 64 KiB ≈ 8.6 G characters.
    expect(scannedChars).toBe(total);
  });

  it("reports an open line longer than the limit", () => {
    expect(splitAll(["12345", "678"], 7).tooLong).toBe(true);
    expect(splitAll(["1234567\n", "8"], 7).tooLong).toBe(false);
  });
});
