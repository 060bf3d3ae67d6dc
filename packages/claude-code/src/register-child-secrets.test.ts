import { redactSecrets } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { isSecretEnvName, registerChildSecrets } from "./register-child-secrets.js";

describe("secrets handed to the CLI", () => {
  it("are recognised by their variable names", () => {
    for (const name of [
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "CLAUDE_CODE_OAUTH_TOKEN",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "MY_GATEWAY_KEY",
      "KEY",
      "DB_PASSWORD",
      "GOOGLE_APPLICATION_CREDENTIALS",
    ]) {
      expect(isSecretEnvName(name), name).toBe(true);
    }
    for (const name of ["PATH", "HOME", "ANTHROPIC_BASE_URL", "KEYBOARD_LAYOUT", "MONKEY"]) {
      expect(isSecretEnvName(name), name).toBe(false);
    }
  });

  it("are registered for redaction, the password of a base URL included", () => {
    registerChildSecrets({
      PATH: "/usr/bin:/bin",
      ANTHROPIC_AUTH_TOKEN: "unit-token-5f5f5f5f",
      ANTHROPIC_BASE_URL: "https://user:url%2Fpass-1234@gateway.example",
    });
    expect(redactSecrets("t=unit-token-5f5f5f5f p=url/pass-1234 q=url%2Fpass-1234 /usr/bin")).toBe(
      "t=[REDACTED] p=[REDACTED] q=[REDACTED] /usr/bin",
    );
  });
});
