/**
 * The value a JSON text *so far* describes, for showing a structured answer while it streams:
 * open strings, arrays and objects are closed where the text stops; a key without its value, a
 * dangling `,` or `:` and an unfinished `true`/`null`/number are left out. `undefined` when
 * nothing usable has arrived yet (or the text is not JSON at all). Never throws.
 *
 * Numbers are taken only once a delimiter follows them (`12` could still become `123`), so a
 * partial value never shows a number the final answer does not have.
 */
export function parsePartialJson(text: string): unknown {
  const parser = new PartialJsonParser(text);
  try {
    parser.skipWhitespace();
    const value = parser.value();
    return value === INCOMPLETE ? undefined : value;
  } catch {
    return undefined;
  }
}

/** Marks a value that had not finished arriving and must be left out. */
const INCOMPLETE: unique symbol = Symbol("incomplete");
type Parsed = unknown | typeof INCOMPLETE;

class NotJson extends Error {}

class PartialJsonParser {
  #at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.#at >= this.text.length;
  }

  skipWhitespace(): void {
    while (!this.done && " \t\n\r".includes(this.text[this.#at]!)) this.#at++;
  }

  value(): Parsed {
    if (this.done) return INCOMPLETE;
    const char = this.text[this.#at]!;
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    return this.literal();
  }

  object(): Parsed {
    this.#at++; // {
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipWhitespace();
      if (this.done) return result;
      if (this.text[this.#at] === "}") {
        this.#at++;
        return result;
      }
      if (this.text[this.#at] === ",") {
        this.#at++;
        continue;
      }
      if (this.text[this.#at] !== '"') throw new NotJson();
      const key = this.string();
      if (key === INCOMPLETE) return result;
      this.skipWhitespace();
      if (this.done) return result;
      if (this.text[this.#at] !== ":") throw new NotJson();
      this.#at++;
      this.skipWhitespace();
      const value = this.value();
      if (value === INCOMPLETE) return result;
      result[key as string] = value;
    }
  }

  array(): Parsed {
    this.#at++; // [
    const result: unknown[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.done) return result;
      const char = this.text[this.#at];
      if (char === "]") {
        this.#at++;
        return result;
      }
      if (char === ",") {
        this.#at++;
        continue;
      }
      const value = this.value();
      if (value === INCOMPLETE) return result;
      result.push(value);
    }
  }

  /** A string; an unfinished one is returned as far as it goes (a key: incomplete). */
  string(): Parsed {
    const start = this.#at;
    this.#at++; // "
    let end = this.text.length; // where an unfinished string's usable part ends
    while (!this.done) {
      const char = this.text[this.#at];
      if (char === "\\") {
        const length = this.text[this.#at + 1] === "u" ? 6 : 2;
        if (this.#at + length > this.text.length) {
          end = this.#at; // a half escape sequence at the end is dropped
          break;
        }
        this.#at += length;
        continue;
      }
      if (char === '"') {
        this.#at++;
        return JSON.parse(this.text.slice(start, this.#at));
      }
      this.#at++;
    }
    this.#at = this.text.length;
    return JSON.parse(`${this.text.slice(start, end)}"`);
  }

  literal(): Parsed {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.#at),
    );
    if (!match) {
      // The start of a literal that has not finished arriving (`tr`, `-`, `1.`).
      const rest = this.text.slice(this.#at);
      if (
        /^(?:t(?:r(?:u)?)?|f(?:a(?:l(?:s)?)?)?|n(?:u(?:l)?)?|-?\d*\.?\d*[eE]?[+-]?\d*)$/.test(rest)
      )
        return INCOMPLETE;
      throw new NotJson();
    }
    this.#at += match[0].length;
    // A number at the very end may still grow; wait for the delimiter.
    if (this.done && /[\d.eE+-]$/.test(match[0]) && !/^(true|false|null)$/.test(match[0]))
      return INCOMPLETE;
    return JSON.parse(match[0]);
  }
}
