/**
 * Keeps API keys out of every message, `cause` and `toJSON()` this library produces.
 * Adapters register the keys they were given; well-known key shapes are masked as well, so a
 * key echoed back by a provider ("Incorrect API key provided: sk-abc…") is caught even when it
 * is not the registered one.
 */
const registeredSecrets = new Set<string>();

const KEY_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_*-]{8,}/g, // OpenAI, OpenRouter (sk-or-…), Anthropic (sk-ant-…)
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google API keys
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * The userinfo of a URL (`https://user:password@host`): a proxy's or gateway's credentials put in
 * a base URL. Node's fetch refuses such a URL and quotes it whole in its TypeError, which SDKs
 * pass on. Only `scheme://…@` is matched, so a plain e-mail address in a message stays readable.
 * The userinfo stops at the first `/`, `?`, `#` or space, as a URL parser would.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

export const REDACTED = "[REDACTED]";

/** Registers a secret so that it is masked wherever this library prints text. */
export function registerSecret(secret: string | undefined): void {
  // Very short strings would mask ordinary words; real keys are long.
  if (secret && secret.length >= 8) registeredSecrets.add(secret);
}

/**
 * Registers the user name and password of a URL (an adapter's base URL) as secrets, both as
 * written and percent-decoded, so they are masked wherever they show up, in a URL or not.
 * A string that is not a URL, or carries no userinfo, registers nothing.
 */
export function registerUrlCredentials(url: string | URL | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return;
  }
  for (const part of [parsed.username, parsed.password]) {
    if (!part) continue;
    registerSecret(part);
    registerSecret(safeDecode(part));
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registeredSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
  for (const pattern of KEY_PATTERNS) {
    out = out.replace(pattern, (_match, bearer?: string) =>
      typeof bearer === "string" ? `${bearer}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

const SAFE_CAUSE_FIELDS = ["status", "code", "type", "param", "requestID", "errno", "syscall"];

/**
 * Copies an arbitrary thrown value (often an SDK error) into a plain `Error` that carries only
 * its name, redacted message, a few diagnostic fields and a redacted cause chain. SDK errors
 * may hold request options or headers; a copy cannot leak what it never copied.
 */
export function sanitizeCause(value: unknown, depth = 0): Error | undefined {
  if (value === undefined || value === null || depth > 4) return undefined;
  if (!(value instanceof Error)) {
    return new Error(redactSecrets(typeof value === "string" ? value : safeStringify(value)));
  }
  const copy = new Error(redactSecrets(value.message));
  // SDK error classes often keep `name: "Error"`; the class name says which one it was.
  const className = value.constructor?.name;
  copy.name = value.name === "Error" && className && className !== "Error" ? className : value.name;
  const fields = value as unknown as Record<string, unknown>;
  for (const field of SAFE_CAUSE_FIELDS) {
    const fieldValue = fields[field];
    if (typeof fieldValue === "string") {
      (copy as unknown as Record<string, unknown>)[field] = redactSecrets(fieldValue);
    } else if (typeof fieldValue === "number") {
      (copy as unknown as Record<string, unknown>)[field] = fieldValue;
    }
  }
  const inner = sanitizeCause(value.cause, depth + 1);
  if (inner) copy.cause = inner;
  copy.stack = value.stack ? redactSecrets(value.stack) : copy.stack;
  return copy;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
