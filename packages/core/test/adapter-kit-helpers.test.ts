import { describe, expect, it } from "vitest";
import {
  configErrorFrom,
  isAbortError,
  redactSecrets,
  resolveApiKey,
  resolveBaseURL,
} from "../src/adapter-kit.js";
import { LLMConfigError } from "../src/index.js";

const keySource = {
  provider: "acme",
  label: "Acme",
  adapterName: "AcmeAdapter",
  envVars: ["ACME_API_KEY", "ACME_KEY"],
};

describe("resolveApiKey", () => {
  it("takes the option first, then each variable in order, trimmed", () => {
    const env = { ACME_API_KEY: "", ACME_KEY: " from-second-var-1234\n" };
    expect(resolveApiKey({ ...keySource, apiKey: "from-option-1234", env })).toBe(
      "from-option-1234",
    );
    expect(resolveApiKey({ ...keySource, apiKey: "  ", env })).toBe("from-second-var-1234");
  });

  it("registers the key it returns as a secret", () => {
    const key = resolveApiKey({ ...keySource, apiKey: "acme-unusual-key-0001", env: {} });
    expect(redactSecrets(`sent ${key}`)).toBe("sent [REDACTED]");
  });

  it("a missing key is an LLMConfigError naming the option and every variable", () => {
    let error: unknown;
    try {
      resolveApiKey({ ...keySource, apiKey: undefined, env: {} });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({
      provider: "acme",
      field: "apiKey",
      message:
        "No Acme API key: pass `apiKey` to AcmeAdapter, or set the ACME_API_KEY or ACME_KEY environment variable.",
    });
    expect(() =>
      resolveApiKey({ ...keySource, envVars: ["ONE"], apiKey: undefined, env: {} }),
    ).toThrow(
      "No Acme API key: pass `apiKey` to AcmeAdapter, or set the ONE environment variable.",
    );
  });

  it("optional: a missing key is undefined (a local server that takes none)", () => {
    expect(resolveApiKey({ ...keySource, apiKey: undefined, env: {}, optional: true })).toBe(
      undefined,
    );
  });
});

const urlSource = { provider: "acme", adapterName: "AcmeAdapter" };

describe("resolveBaseURL", () => {
  it("option, then environment, then default; trailing slashes dropped", () => {
    const env = { ACME_BASE_URL: "http://127.0.0.1:9/env/" };
    expect(
      resolveBaseURL({
        ...urlSource,
        baseURL: "https://a.example/v1//",
        envVars: ["ACME_BASE_URL"],
        env,
      }),
    ).toBe("https://a.example/v1");
    expect(
      resolveBaseURL({ ...urlSource, baseURL: undefined, envVars: ["ACME_BASE_URL"], env }),
    ).toBe("http://127.0.0.1:9/env");
    expect(
      resolveBaseURL({ ...urlSource, baseURL: " ", defaultURL: "https://d.example/v1", env: {} }),
    ).toBe("https://d.example/v1");
    expect(resolveBaseURL({ ...urlSource, baseURL: undefined, env: {} })).toBeUndefined();
  });

  it("registers the URL's user name and password as secrets", () => {
    resolveBaseURL({ ...urlSource, baseURL: "https://gateway-user:gateway-pass-99@g.example/v1" });
    expect(redactSecrets("user gateway-user, pass gateway-pass-99")).toBe(
      "user [REDACTED], pass [REDACTED]",
    );
  });

  it("refuses what is not an absolute http(s) URL, naming the option", () => {
    expect(() => resolveBaseURL({ ...urlSource, baseURL: "api.example.com/v1" })).toThrow(
      'Invalid AcmeAdapter option `baseURL`: must be an absolute http(s) URL such as "https://api.example.com/v1"; got "api.example.com/v1".',
    );
    expect(() => resolveBaseURL({ ...urlSource, baseURL: "ftp://files.example" })).toThrow(
      LLMConfigError,
    );
    // No scheme, so no parser finds the credentials: the value is not quoted at all.
    expect(() => resolveBaseURL({ ...urlSource, baseURL: "user:hunter2-secret@host" })).toThrow(
      /got a value that is not one\.$/,
    );
  });
});

describe("configErrorFrom", () => {
  it("turns a zod issue into an LLMConfigError for the adapter's options", async () => {
    const { z } = await import("zod");
    const parsed = z.strictObject({ port: z.number() }).safeParse({ port: "x", extra: 1 });
    if (parsed.success) throw new Error("expected a failure");
    const error = configErrorFrom(parsed.error, "AcmeAdapter", "acme");
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error.provider).toBe("acme");
    expect(error.message).toMatch(
      /^(Invalid AcmeAdapter option `port`|Unknown AcmeAdapter option `extra`)/,
    );
  });
});

describe("isAbortError", () => {
  it("recognises fetch's, the openai SDK's and the signal's own reason", () => {
    const controller = new AbortController();
    controller.abort(new Error("custom reason"));
    expect(isAbortError(Object.assign(new Error("x"), { name: "AbortError" }))).toBe(true);
    expect(isAbortError(Object.assign(new Error("x"), { name: "APIUserAbortError" }))).toBe(true);
    expect(isAbortError(controller.signal.reason, controller.signal)).toBe(true);
    expect(isAbortError(new Error("ECONNRESET"))).toBe(false);
    expect(isAbortError(undefined)).toBe(false);
  });
});
