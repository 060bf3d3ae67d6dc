import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type LayerName, PACKAGE_LAYERS } from "./layers.js";

/**
 * The provider packages (adapters and wire-protocol packages) and their provider names: the
 * package folder name, e.g. `@llmc/claude-code` → `claude-code`. Read from the layer map, so a
 * new adapter is checked as soon as it is given its layer.
 */
export function providerPackages(
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): { readonly name: string; readonly provider: string }[] {
  return Object.entries(layers)
    .filter(([, layer]) => layer === "adapter" || layer === "wire-protocol")
    .map(([name]) => ({ name, provider: name.replace(/^@llmc\//, "") }));
}

/** What the file checks need to know about a package besides its files. */
export interface ShapeFacts {
  /**
   * True when the package builds on a wire-protocol package: the wire (usage, finish reasons)
   * lives there, and the package keeps only its dialect.
   */
  readonly buildsOnWire: boolean;
}

/**
 * One concern of the folder shape: which top-level `src/` files belong to it (`matches`), the
 * names they may have, and when the package must have one.
 */
interface Concern {
  readonly what: string;
  readonly matches: (file: string) => boolean;
  readonly allowed: (provider: string, file: string) => boolean;
  /** Which file fulfils a requirement; defaults to `allowed`. */
  readonly satisfies?: (provider: string, file: string) => boolean;
  readonly expected: (provider: string) => string;
  readonly required: (facts: ShapeFacts) => boolean;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const CONCERNS: readonly Concern[] = [
  {
    what: "the adapter class",
    matches: (file) => file.endsWith("-adapter.ts"),
    allowed: (provider, file) => file === `${provider}-adapter.ts`,
    expected: (provider) => `${provider}-adapter.ts`,
    required: () => true,
  },
  {
    // Other `*-options.ts` files may exist (e.g. an SDK client's options); only presence counts.
    what: "the constructor options",
    matches: (file) => file.endsWith("-options.ts"),
    allowed: () => true,
    satisfies: (provider, file) => file === `${provider}-options.ts`,
    expected: (provider) => `${provider}-options.ts`,
    required: () => true,
  },
  {
    // A package that ships no prices of its own (the generic wire) has no such file.
    what: "the price table",
    matches: (file) => file.endsWith("prices.ts"),
    allowed: (provider, file) => file === `${provider}-prices.ts`,
    expected: (provider) => `${provider}-prices.ts`,
    required: () => false,
  },
  {
    // Split mappings are allowed as `map-<provider>-<aspect>-error.ts` (Claude Code maps a
    // failed process and an error result separately).
    what: "the error mapping",
    matches: (file) => /^map-.*-error\.ts$/.test(file),
    allowed: (provider, file) =>
      new RegExp(`^map-${escapeRegExp(provider)}(-[a-z]+)*-error\\.ts$`).test(file),
    expected: (provider) => `map-${provider}-error.ts (or map-${provider}-<aspect>-error.ts)`,
    required: () => true,
  },
  {
    what: "the finish-reason mapping",
    matches: (file) => /^map-.*-finish-reason\.ts$/.test(file),
    allowed: (provider, file) => file === `map-${provider}-finish-reason.ts`,
    expected: (provider) => `map-${provider}-finish-reason.ts`,
    required: (facts) => !facts.buildsOnWire,
  },
  {
    what: "the usage conversion",
    matches: (file) => /^convert-.*-usage\.ts$/.test(file) || /-usage\.ts$/.test(file),
    allowed: (provider, file) => file === `convert-${provider}-usage.ts`,
    expected: (provider) => `convert-${provider}-usage.ts`,
    required: (facts) => !facts.buildsOnWire,
  },
];

/**
 * What breaks the folder shape in `srcDir` (top-level files only, tests excluded): a missing
 * file a concern requires, or a file of a concern under another name than the provider's.
 */
export function fileShapeProblems(provider: string, srcDir: string, facts: ShapeFacts): string[] {
  const files = readdirSync(srcDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => entry.name)
    .filter((name) => !name.endsWith(".test.ts") && !name.endsWith(".d.ts"));
  const problems: string[] = [];
  for (const concern of CONCERNS) {
    const own = files.filter((file) => concern.matches(file));
    for (const file of own.filter((f) => !concern.allowed(provider, f))) {
      problems.push(
        `${provider}: ${file} holds ${concern.what}; name it ${concern.expected(provider)}`,
      );
    }
    const satisfies = concern.satisfies ?? concern.allowed;
    if (concern.required(facts) && !own.some((f) => satisfies(provider, f))) {
      problems.push(`${provider}: no ${concern.expected(provider)} (${concern.what})`);
    }
  }
  return problems;
}

/** The adapter class as core sees it: its statics. */
export interface AdapterClassLike {
  readonly name: string;
  readonly contractVersion?: unknown;
  readonly optionNames?: unknown;
}

/**
 * What breaks the adapter class's shape: it must state `contractVersion`, declare
 * `optionNames` with the shared names (`apiKey` where it takes a key, `baseURL`), and expose its
 * prices as `priceTable` (checked in the class's source: it is an instance field).
 */
export function adapterClassProblems(
  provider: string,
  adapterClass: AdapterClassLike | undefined,
  adapterSource: string,
  options: { readonly takesApiKey: boolean },
): string[] {
  if (adapterClass === undefined) return [`${provider}: ${provider}-adapter.ts exports no class`];
  const problems: string[] = [];
  const where = `${provider}: ${adapterClass.name}`;
  if (typeof adapterClass.contractVersion !== "number") {
    problems.push(`${where} has no static contractVersion`);
  }
  const names = adapterClass.optionNames;
  if (!Array.isArray(names)) {
    problems.push(`${where} has no static optionNames`);
  } else {
    const wanted = options.takesApiKey ? ["apiKey", "baseURL"] : ["baseURL"];
    for (const name of wanted.filter((n) => !names.includes(n))) {
      problems.push(`${where}.optionNames lacks "${name}" (one name per concept)`);
    }
  }
  if (!/\breadonly priceTable\b/.test(adapterSource)) {
    problems.push(`${where} declares no \`readonly priceTable\``);
  }
  return problems;
}

/** The classes a module exports whose names end in `Adapter`. */
export function exportedAdapterClasses(module: Record<string, unknown>): AdapterClassLike[] {
  return Object.entries(module)
    .filter(([name, value]) => name.endsWith("Adapter") && typeof value === "function")
    .map(([, value]) => value as AdapterClassLike);
}

/** True when the package's runtime dependencies include a wire-protocol package. */
export function buildsOnWire(
  packageDir: string,
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): boolean {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return deps.some((dep) => layers[dep] === "wire-protocol");
}
