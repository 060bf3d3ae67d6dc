/** `--name=value` flags of a bench script, numbers where they look like numbers. */
export function parseArgs(defaults, argv = process.argv.slice(2)) {
  const out = { ...defaults };
  for (const arg of argv) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    const [, key, value = "true"] = match;
    const name = key.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
    out[name] = /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}
