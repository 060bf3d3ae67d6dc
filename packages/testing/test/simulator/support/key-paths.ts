/**
 * Every key path in a JSON value: `a.b`, arrays as `a[]` (the union over their elements).
 * Used to check that simulated responses carry every field the recorded real ones carry.
 */
export function keyPaths(value: unknown, prefix = ""): Set<string> {
  const paths = new Set<string>();
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, `${at}[]`);
      return;
    }
    if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        const path = at === "" ? key : `${at}.${key}`;
        paths.add(path);
        visit(child, path);
      }
    }
  };
  visit(value, prefix);
  return paths;
}

/** Paths of `recorded` that `simulated` lacks, minus the ones explicitly `ignored`. */
export function missingPaths(
  recorded: unknown,
  simulated: unknown,
  ignored: readonly string[] = [],
): string[] {
  const have = keyPaths(simulated);
  return [...keyPaths(recorded)]
    .filter((path) => !have.has(path))
    .filter(
      (path) =>
        !ignored.some(
          (prefix) =>
            path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`),
        ),
    )
    .sort();
}
