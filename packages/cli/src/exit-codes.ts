/**
 * What `llmc` exits with. Scripts branch on these, so they are part of the public contract
 * (docs/cli.md): never renumber one, only add.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Something this CLI did not expect: a bug. The message says so. */
  internal: 1,
  /** The command line is wrong: unknown command or option, missing or malformed value. */
  usage: 2,
  /**
   * The command is well-formed but cannot be set up: no API key, provider package not
   * installed, no price for a budgeted model, no such budget, invalid adapter option.
   */
  config: 3,
  /** The provider failed or refused: auth, rate limit, timeout, connection, bad response. */
  provider: 4,
  /** A budget refused the call before any request was sent. */
  budgetRefused: 5,
  /**
   * The budget store failed or refused an operation: Redis unreachable or silent (budgets fail
   * closed, so no call was made), or `budget close` with reservations still open.
   */
  budgetStore: 6,
  /** Interrupted (Ctrl-C); a call in flight was aborted. 128 + SIGINT, as shells expect. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
