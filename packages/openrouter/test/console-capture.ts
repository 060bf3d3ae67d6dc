import { vi } from "vitest";

/**
 * Records (and swallows) everything written to the console or stderr/stdout while `run` runs:
 * the library must print nothing, so a test asserts the list stays empty.
 */
export async function consoleOutputOf(run: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const record =
    (channel: string) =>
    (...args: unknown[]) => {
      written.push(`${channel}: ${args.map(String).join(" ")}`);
      return true;
    };
  const spies = [
    ...(["error", "warn", "log", "info", "debug", "trace"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(record(`console.${method}`)),
    ),
    vi.spyOn(process.stderr, "write").mockImplementation(record("stderr")),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written;
}
