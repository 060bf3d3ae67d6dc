import { describe, expect, it } from "vitest";
import {
  ADAPTER_CONTRACT_VERSION,
  LLMAdapter,
  type ProviderResponse,
  SUPPORTED_ADAPTER_CONTRACT_VERSIONS,
} from "../src/adapter-kit.js";
import { LLMConfigError } from "../src/index.js";
import { TEST_PRICES } from "./support/test-adapter.js";

/** An adapter class declaring `version` (or nothing, for `undefined`). */
function adapterClass(version: unknown) {
  class VersionedAdapter extends LLMAdapter {
    readonly provider = "test";
    readonly priceTable = TEST_PRICES;
    protected async doGenerate(): Promise<ProviderResponse> {
      return { text: "ok", finishReason: { kind: "stop", raw: "stop" }, usage: undefined };
    }
  }
  if (version !== undefined) Object.assign(VersionedAdapter, { contractVersion: version });
  return VersionedAdapter;
}

function constructionError(version: unknown): LLMConfigError {
  const Adapter = adapterClass(version);
  try {
    new Adapter();
  } catch (error) {
    return error as LLMConfigError;
  }
  throw new Error("expected the constructor to refuse the adapter");
}

describe("the adapter contract version", () => {
  it("is 1, and this core supports exactly version 1", () => {
    expect(ADAPTER_CONTRACT_VERSION).toBe(1);
    expect(SUPPORTED_ADAPTER_CONTRACT_VERSIONS).toEqual([1]);
    expect(Object.isFrozen(SUPPORTED_ADAPTER_CONTRACT_VERSIONS)).toBe(true);
  });

  it("an adapter declaring version 1 is built", async () => {
    const Adapter = adapterClass(1);
    const result = await new Adapter().executePrompt("hi", { model: "test-model" });
    expect(result.text).toBe("ok");
  });

  it("a subclass inherits its parent's declaration", () => {
    const Parent = adapterClass(1);
    class Child extends Parent {}
    expect(() => new Child()).not.toThrow();
  });

  it("an adapter that declares none is refused, told what to add", () => {
    const error = constructionError(undefined);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error.field).toBe("contractVersion");
    expect(error.message).toBe(
      "VersionedAdapter does not say which adapter contract it implements. Adapter authors: add " +
        "`static readonly contractVersion = 1;` to the class (this @llmc/core supports contract version 1).",
    );
  });

  it("a newer contract: names both versions and says to upgrade @llmc/core", () => {
    const error = constructionError(2);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error.message).toBe(
      "VersionedAdapter implements adapter contract version 2, but this @llmc/core supports " +
        "contract version 1. Upgrade @llmc/core to a release that supports contract 2, or use a " +
        "release of VersionedAdapter's package written for contract 1.",
    );
  });

  it("an older contract: names both versions and says to upgrade the adapter", () => {
    const error = constructionError(0);
    expect(error.message).toBe(
      "VersionedAdapter implements adapter contract version 0, but this @llmc/core supports " +
        "contract version 1. Upgrade VersionedAdapter's package to a release written for " +
        "contract 1, or use an older @llmc/core that still supports contract 0.",
    );
  });

  it.each([["1"], [1.5], [null]])(
    "a version that is not a supported number (%s) is refused",
    (v) => {
      expect(constructionError(v)).toBeInstanceOf(LLMConfigError);
    },
  );
});
