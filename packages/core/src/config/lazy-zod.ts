import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Zod from "zod";

/** zod's namespace, as `import { z } from "zod"` gives it. */
export type ZodNamespace = typeof Zod.z;

let loaded: ZodNamespace | undefined;

/**
 * zod, loaded the first time a schema is needed instead of when `@llmc/core` is imported.
 *
 * Why: loading zod is most of what importing core used to cost (+75–85 ms of a +115 ms import on
 * Node 22 here; `zod/mini` is no cheaper to load, as both evaluate zod's whole core and every
 * locale). An application that imports core and an adapter at start-up should not pay for it
 * before its first call.
 *
 * How: `require()` of zod's ESM build (Node ≥ 22.12 loads ES modules synchronously), resolved
 * with the `import` conditions. That is the very module instance `import "zod"` yields, so
 * schemas built here and an application's own schemas are the same zod: they extend, nest and
 * pass `instanceof` checks together, and zod is loaded once.
 */
export function loadZod(): ZodNamespace {
  if (loaded === undefined) {
    const require = createRequire(import.meta.url);
    const module = require(fileURLToPath(import.meta.resolve("zod"))) as typeof Zod;
    loaded = module.z;
  }
  return loaded;
}
