/** Dollars with enough digits for one cheap call ($0.000026) and a $50 budget alike. */
export function usd(amount: number | undefined): string {
  if (amount === undefined) return "unknown";
  if (amount !== 0 && Math.abs(amount) < 0.01) return `$${amount.toFixed(6)}`;
  return `$${amount.toFixed(2)}`;
}

export function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)}ms` : `${(ms / 1_000).toFixed(1)}s`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Pads cells to aligned columns, two spaces apart. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - visibleLength(cell)),
        )
        .join("  "),
    )
    .join("\n");
}

/** Length without colour escapes. */
export function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour escapes.
  return text.replace(/\x1b\[[0-9;]*m/g, "").length;
}
