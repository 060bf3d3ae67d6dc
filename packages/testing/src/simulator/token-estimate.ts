/**
 * The simulator's deterministic token model: one token per 4 UTF-8 bytes, rounded up.
 * Real tokenizers differ; tests only need numbers that are stable and easy to predict.
 */
export const BYTES_PER_TOKEN = 4;

export function tokensForBytes(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

export function estimateTokens(text: string): number {
  return tokensForBytes(Buffer.byteLength(text, "utf8"));
}

/** UTF-8 byte length of one code point. */
function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Cuts `pieces` (stream deltas, in order) so their joined text fits in `maxTokens`, never
 * splitting a character. Returns the pieces unchanged when they already fit.
 */
export function truncatePiecesToTokens(
  pieces: readonly string[],
  maxTokens: number,
): { pieces: readonly string[]; truncated: boolean } {
  const budget = Math.max(0, Math.floor(maxTokens)) * BYTES_PER_TOKEN;
  let used = 0;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!;
    const bytes = Buffer.byteLength(piece, "utf8");
    if (used + bytes <= budget) {
      used += bytes;
      continue;
    }
    // This piece overflows: keep the characters that still fit, drop the rest.
    let kept = "";
    for (const character of piece) {
      const size = codePointBytes(character.codePointAt(0)!);
      if (used + size > budget) break;
      used += size;
      kept += character;
    }
    const head = pieces.slice(0, index);
    if (kept.length > 0) head.push(kept);
    return { pieces: head, truncated: true };
  }
  return { pieces, truncated: false };
}
