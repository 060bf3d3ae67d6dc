/**
 * Option names people bring from other SDKs (or from a sibling adapter's old spelling), and the
 * name this library uses. Prototype-less, read with `Object.hasOwn`: `constructor` finds nothing.
 */
const MEANT_INSTEAD: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  api_key: "apiKey",
  key: "apiKey",
  token: "apiKey",
  base_url: "baseURL",
  baseUri: "baseURL",
  endpoint: "baseURL",
  url: "baseURL",
  host: "baseURL",
  timeout: "timeoutMs",
  requestTimeout: "timeoutMs",
  retries: "maxRetries",
  max_retries: "maxRetries",
  concurrency: "maxConcurrency",
  priceTable: "prices",
  pricing: "prices",
  price: "prices",
});

/** Lower-case, without `_` and `-`: `baseUrl`, `base_url` and `BASEURL` all read `baseurl`. */
const loose = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name an unknown one most likely meant, or `undefined`: the same name in another
 * case or separator style first (`baseUrl` → `baseURL`), then a name from another SDK
 * (`timeout` → `timeoutMs`) when this adapter knows it, then a typo of at most two letters
 * (one for short names) — the closest, the first listed on a tie.
 */
export function didYouMean(unknown: string, known: readonly string[]): string | undefined {
  const target = loose(unknown);
  const sameLoosely = known.find((name) => loose(name) === target);
  if (sameLoosely) return sameLoosely;
  const meant = Object.hasOwn(MEANT_INSTEAD, unknown) ? MEANT_INSTEAD[unknown] : undefined;
  if (meant && known.includes(meant)) return meant;
  const limit = target.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const distance = editDistance(target, loose(name));
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
