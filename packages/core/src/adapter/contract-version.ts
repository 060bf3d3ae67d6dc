import { LLMConfigError } from "../errors/provider-errors.js";

/**
 * The version of the adapter contract (the `LLMAdapter` hooks, `ProviderRequest`,
 * `ProviderResponse`, stream parts and their meaning) this core implements. An adapter class
 * states the version it was written for with `static readonly contractVersion = 1`; see
 * contracts/core.md §6 for what may change without a new version and what needs one.
 */
export const ADAPTER_CONTRACT_VERSION = 1;

/**
 * Every contract version this core can run. When a version 2 comes, this core keeps running
 * version 1 adapters for as long as this list names 1, so users upgrade core and adapters apart.
 */
export const SUPPORTED_ADAPTER_CONTRACT_VERSIONS: readonly number[] = Object.freeze([1]);

/**
 * Refuses, at construction, an adapter written for a contract this core does not implement:
 * an old core would otherwise run a new adapter's hooks with the wrong meaning (the failure
 * peers ship: a provider package that loads, then misreports usage or never settles).
 */
export function checkContractVersion(adapterClass: unknown): void {
  const name = (adapterClass as { name?: string } | undefined)?.name || "This adapter";
  const version = (adapterClass as { contractVersion?: unknown } | undefined)?.contractVersion;
  const supported = SUPPORTED_ADAPTER_CONTRACT_VERSIONS.join(", ");
  if (version === undefined) {
    throw new LLMConfigError(
      `${name} does not say which adapter contract it implements. Adapter authors: add ` +
        `\`static readonly contractVersion = ${ADAPTER_CONTRACT_VERSION};\` to the class ` +
        `(this @llmc/core supports contract version ${supported}).`,
      { field: "contractVersion" },
    );
  }
  if (typeof version === "number" && SUPPORTED_ADAPTER_CONTRACT_VERSIONS.includes(version)) return;
  const newest = Math.max(...SUPPORTED_ADAPTER_CONTRACT_VERSIONS);
  const upgrade =
    typeof version === "number" && version > newest
      ? `Upgrade @llmc/core to a release that supports contract ${version}, or use a release of ` +
        `${name}'s package written for contract ${supported}.`
      : `Upgrade ${name}'s package to a release written for contract ${supported}, or use an ` +
        `older @llmc/core that still supports contract ${String(version)}.`;
  throw new LLMConfigError(
    `${name} implements adapter contract version ${String(version)}, but this @llmc/core ` +
      `supports contract version ${supported}. ${upgrade}`,
    { field: "contractVersion" },
  );
}
