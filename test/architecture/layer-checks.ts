import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { type LayerName, layerViolation, PACKAGE_LAYERS, PROVIDER_SDKS } from "./layers.js";

/** What the layer checks read of a package. */
export interface WorkspacePackage {
  readonly dir: string;
  readonly name: string;
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly private: boolean;
}

export function readWorkspacePackage(dir: string): WorkspacePackage {
  const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return {
    dir,
    name: json.name,
    dependencies: json.dependencies ?? {},
    peerDependencies: json.peerDependencies ?? {},
    devDependencies: json.devDependencies ?? {},
    private: json.private === true,
  };
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  // A package without src/ ships no code (the private bench package keeps its scripts in bench/).
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !/\.test\.|\.d\.ts$/.test(entry.name))
      out.push(path);
  }
  return out;
}

/** Bare package names a file imports (static, dynamic and `export … from`). */
export function importedPackages(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const names = new Set<string>();
  for (const match of text.matchAll(
    /(?:from\s+|import\s*\(\s*|import\s+)["']([^"'./][^"']*)["']/g,
  )) {
    const specifier = match[1]!;
    if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!))
      continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return [...names];
}

const runtimeOf = (pkg: WorkspacePackage) => ({ ...pkg.dependencies, ...pkg.peerDependencies });

/** Run-time dependencies on a layer the package may not use. */
export function dependencyLayerProblems(
  pkg: WorkspacePackage,
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): string[] {
  return Object.keys(runtimeOf(pkg)).flatMap((dep) => layerViolation(pkg.name, dep, layers) ?? []);
}

/** Imports in `src/` that are undeclared, or reach a layer the package may not use. */
export function importProblems(
  pkg: WorkspacePackage,
  repoRoot: string,
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): string[] {
  const problems: string[] = [];
  const runtime = runtimeOf(pkg);
  for (const file of sourceFiles(join(pkg.dir, "src"))) {
    for (const imported of importedPackages(file)) {
      const where = relative(repoRoot, file);
      if (imported === pkg.name) continue;
      if (!(imported in runtime)) problems.push(`${where} imports undeclared ${imported}`);
      const violation = layerViolation(pkg.name, imported, layers);
      if (violation) problems.push(`${where} imports ${imported}: ${violation}`);
    }
  }
  return problems;
}

/**
 * Adapters and wire-protocol packages: `@llmc/core` (adapters also wire-protocol packages),
 * zod, and at most one SDK, which must be a known provider SDK.
 */
export function adapterDependencyProblems(
  pkg: WorkspacePackage,
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): string[] {
  const runtime = Object.keys(runtimeOf(pkg));
  const problems: string[] = [];
  const llmc = runtime.filter((dep) => dep.startsWith("@llmc/"));
  if (!llmc.includes("@llmc/core")) problems.push(`${pkg.name} does not depend on @llmc/core`);
  for (const dep of llmc) {
    const allowed =
      dep === "@llmc/core" || (layers[pkg.name] === "adapter" && layers[dep] === "wire-protocol");
    if (!allowed) problems.push(`${pkg.name} depends on ${dep}`);
  }
  const others = runtime.filter((dep) => !dep.startsWith("@llmc/") && dep !== "zod");
  if (others.length > 1) problems.push(`${pkg.name} depends on ${others.length} SDKs`);
  for (const dep of others) {
    if (!PROVIDER_SDKS.includes(dep))
      problems.push(`${pkg.name} depends on ${dep}, not a provider SDK`);
  }
  return problems;
}
