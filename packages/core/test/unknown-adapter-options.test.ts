import { describe, expect, it } from "vitest";
import { LLMAdapter, type ProviderResponse } from "../src/adapter-kit.js";
import { LLMConfigError } from "../src/index.js";
import { TEST_PRICES } from "./support/test-adapter.js";

/** An adapter whose own options are `apiKey` and `baseURL`. */
class AcmeAdapter extends LLMAdapter {
  static readonly contractVersion = 1;
  static readonly optionNames = ["apiKey", "baseURL", "organization"];
  readonly provider = "acme";
  readonly priceTable = TEST_PRICES;
  constructor(options: Record<string, unknown> = {}) {
    super(options);
  }
  protected async doGenerate(): Promise<ProviderResponse> {
    return { text: "ok", finishReason: { kind: "stop", raw: "stop" }, usage: undefined };
  }
}

function refusal(options: Record<string, unknown>): LLMConfigError {
  try {
    new AcmeAdapter(options);
  } catch (error) {
    return error as LLMConfigError;
  }
  throw new Error("expected the options to be refused");
}

describe("unknown adapter options", () => {
  it("the adapter's own names and core's are accepted", () => {
    expect(
      () =>
        new AcmeAdapter({
          apiKey: "k",
          baseURL: "http://127.0.0.1:1",
          organization: "o",
          timeoutMs: 1_000,
          maxRetries: 1,
          maxConcurrency: 2,
          retryPolicy: {},
          prices: {},
        }),
    ).not.toThrow();
  });

  it.each([
    ["baseUrl", "baseURL"], // another case: the sibling adapters' old spelling
    ["base_url", "baseURL"], // another separator style
    ["APIKEY", "apiKey"],
    ["organisation", "organization"], // a typo
    ["timeout", "timeoutMs"], // another SDK's name, for a core option
    ["maxRetires", "maxRetries"],
    ["priceTable", "prices"],
    ["endpoint", "baseURL"],
  ])("`%s` is refused with “Did you mean `%s`?”", (given, meant) => {
    const error = refusal({ [given]: "x" });
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error.field).toBe(given);
    expect(error.message).toBe(
      `Unknown AcmeAdapter option \`${given}\`. Did you mean \`${meant}\`?`,
    );
  });

  it("a name like none of them lists what the adapter takes", () => {
    expect(refusal({ colour: "blue" }).message).toBe(
      "Unknown AcmeAdapter option `colour`. AcmeAdapter takes: `apiKey`, `baseURL`, " +
        "`organization`, `prices`, `maxRetries`, `timeoutMs`, `retryPolicy`, `maxConcurrency`.",
    );
  });

  it("an option set to undefined is still a misspelt option", () => {
    expect(refusal({ baseUrl: undefined }).message).toContain("Did you mean `baseURL`?");
  });

  it("`constructor` and other Object.prototype names get no borrowed hint", () => {
    expect(refusal({ constructor: 1 }).message).toContain("AcmeAdapter takes:");
  });

  it("a subclass inherits its parent's names and may add its own", () => {
    class AcmeEuAdapter extends AcmeAdapter {
      static override readonly optionNames = [...AcmeAdapter.optionNames, "region"];
    }
    expect(() => new AcmeEuAdapter({ apiKey: "k", region: "eu" })).not.toThrow();
    expect(() => new AcmeEuAdapter({ regoin: "eu" })).toThrow(
      "Unknown AcmeEuAdapter option `regoin`. Did you mean `region`?",
    );
  });

  it("an adapter that declares no names: core checks its own options' values only", () => {
    class Undeclared extends LLMAdapter {
      static readonly contractVersion = 1;
      readonly provider = "undeclared";
      readonly priceTable = TEST_PRICES;
      protected async doGenerate(): Promise<ProviderResponse> {
        return { text: "", finishReason: { kind: "stop", raw: "stop" }, usage: undefined };
      }
    }
    expect(() => new Undeclared({ anything: 1 } as never)).not.toThrow();
    expect(() => new Undeclared({ timeoutMs: 0 })).toThrow(LLMConfigError);
  });
});
