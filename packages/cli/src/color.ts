import type { Env, OutputStream } from "./cli-io.js";

/**
 * Colour only on a terminal, never with NO_COLOR set to anything non-empty (no-color.org), and
 * not on a `dumb` terminal. Pipes and files always get plain text.
 */
export function useColor(stream: OutputStream, env: Env): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return env.TERM !== "dumb";
}

export interface Palette {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

const COLORS: Palette = {
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

const identity = (text: string) => text;
const PLAIN: Palette = {
  dim: identity,
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

export function paletteFor(stream: OutputStream, env: Env): Palette {
  return useColor(stream, env) ? COLORS : PLAIN;
}
