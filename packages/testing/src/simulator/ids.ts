/**
 * Deterministic identifiers: derived from the simulator's request counter so that two runs of
 * the same test produce the same ids. The `sim` marker makes them easy to spot in logs.
 */
export function paddedSequence(sequence: number, width = 8): string {
  return sequence.toString().padStart(width, "0");
}
