/**
 * Stops the CLIs of in-flight calls when the program that started them goes away.
 *
 * The CLI runs in its own process group (it hangs otherwise, see claude-process.ts), so a
 * Ctrl-C to the host's group, a SIGTERM to the host or `process.exit()` does not reach it: it
 * would keep running, and keep spending, with nobody left to read its answer. One registry per
 * process holds every live CLI; while it is not empty:
 * - `process.on("exit")` kills each group with SIGKILL, synchronously (all `exit` allows);
 * - SIGINT, SIGTERM and SIGHUP get a listener that kills the groups, and then, if the host has
 *   no listener of its own for that signal, removes itself and re-sends the signal so the host
 *   dies the way it would have without this library. A host that handles the signal itself
 *   keeps doing so (its calls fail as stopped).
 * With no call in flight nothing is installed, so the host's signal handling is untouched.
 *
 * Not possible: SIGKILL of the host (or a crash of Node itself) cannot be caught, and Linux
 * offers Node no "kill my children when I die" switch; those CLIs run to their end (bounded by
 * their own `API_TIMEOUT_MS`). A watchdog process that holds a pipe from the host and kills the
 * groups when it closes would cover that case; it is not built (one more process per host).
 */
const HOST_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type HostSignal = (typeof HOST_SIGNALS)[number];

/** One live CLI: `stop` kills its whole group at once and must be synchronous. */
export interface GuardedProcess {
  stop(reason: HostSignal | "exit"): void;
}

const live = new Set<GuardedProcess>();
let installed = false;
const signalListeners = new Map<HostSignal, () => void>();

function stopAll(reason: HostSignal | "exit"): void {
  for (const entry of [...live]) {
    try {
      entry.stop(reason);
    } catch {
      // One group that cannot be signalled must not spare the others.
    }
  }
}

const onExit = () => stopAll("exit");

function onSignal(signal: HostSignal): void {
  stopAll(signal);
  const ours = signalListeners.get(signal);
  const hostListens = process.listeners(signal).some((listener) => listener !== ours);
  if (hostListens) return;
  // Nobody else handles it: restore the default action and deliver the signal again.
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", onExit);
  for (const signal of HOST_SIGNALS) {
    const listener = () => onSignal(signal);
    signalListeners.set(signal, listener);
    process.on(signal, listener);
  }
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener("exit", onExit);
  for (const [signal, listener] of signalListeners) process.removeListener(signal, listener);
  signalListeners.clear();
}

/** Registers a live CLI; the returned function unregisters it (idempotent). */
export function guardProcess(entry: GuardedProcess): () => void {
  live.add(entry);
  install();
  return () => {
    if (!live.delete(entry)) return;
    if (live.size === 0) uninstall();
  };
}

/** How many CLIs are registered (for tests). */
export function guardedProcessCount(): number {
  return live.size;
}

/** The signals this module listens to while calls are in flight. */
export type { HostSignal };
