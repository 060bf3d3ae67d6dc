export type { CliIo, Env, InputStream, OutputStream } from "./cli-io.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export { main } from "./main.js";
