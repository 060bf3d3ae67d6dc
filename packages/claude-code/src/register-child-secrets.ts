import { registerSecret } from "@llmc/core";

/**
 * Names whose values are credentials: `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`,
 * `CLAUDE_CODE_OAUTH_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `*_PASSWORD`, …
 */
const SECRET_NAME = /(^|_)KEY($|_)|TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL/i;

/** Whether an environment variable of this name holds a secret. */
export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Registers, for redaction, every secret the CLI is handed: each variable whose name says it is
 * one, and the password of a base URL with credentials in it. The CLI repeats what the server
 * says ("Invalid token …") in its messages, and those end up in our errors.
 */
export function registerChildSecrets(env: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(env)) {
    if (isSecretEnvName(name)) registerSecret(value);
  }
  const baseUrl = env.ANTHROPIC_BASE_URL;
  if (baseUrl) registerUrlPassword(baseUrl);
}

function registerUrlPassword(url: string): void {
  try {
    const { password } = new URL(url);
    if (password) {
      registerSecret(password);
      registerSecret(decodeURIComponent(password));
    }
  } catch {
    // Not a URL: the CLI will say so; there is no password to hide.
  }
}
