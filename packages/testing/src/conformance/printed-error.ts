/**
 * Everything a caller could print or log about an error: message, stack, `String()`, both JSON
 * forms, and the same for every cause down the chain. A secret must appear in none of them.
 */
export function printedError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    const value = current as { message?: unknown; stack?: unknown; toJSON?: () => unknown };
    parts.push(String(value.message), String(value.stack), safeString(current));
    parts.push(safeJson(current));
    if (typeof value.toJSON === "function") parts.push(safeJson(value.toJSON()));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "";
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}
