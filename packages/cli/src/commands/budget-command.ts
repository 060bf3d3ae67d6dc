import { flattenTree, readBudgetTree } from "../budget/budget-tree.js";
import { connectStore, type RedisStore, redisUrl } from "../budget/redis-budget.js";
import { renderBudgetTree } from "../budget/render-budget-tree.js";
import { CliConfigError, UsageError } from "../cli-errors.js";
import type { CliIo } from "../cli-io.js";
import { type Palette, paletteFor } from "../color.js";
import { type Command, parseCommandArgs } from "../command.js";
import { usd } from "../format.js";
import { parseDuration, parseUsd } from "../parse-values.js";

const OPTIONS = {
  redis: { type: "string" },
  id: { type: "string" },
  total: { type: "string" },
  amount: { type: "string" },
  force: { type: "boolean" },
  watch: { type: "boolean", short: "w" },
  interval: { type: "string" },
  json: { type: "boolean" },
} as const;

const ACTIONS = ["create", "show", "top-up", "close"] as const;
type Action = (typeof ACTIONS)[number];

export const budgetCommand: Command = {
  name: "budget",
  summary: "create, show (--watch), top up or close a shared Redis budget",
  usage: `llmc budget <action> --id ID [--redis URL] [options]

  create --id ID --total USD     create a budget (a child too: --id team-a/agent-b);
                                 an existing one is left as it is
  show --id ID [--watch] [--interval 1s] [--json]
                                 draw the tree: total, spent, reserved, remaining, a bar each;
                                 --watch redraws it until Ctrl-C
  top-up --id ID --amount USD    add to the total (a negative amount lowers it)
  close --id ID [--force]        delete the whole tree (a root id); refuses while calls hold
                                 reservations, unless --force

  --redis URL   default: LLMC_REDIS_URL, else REDIS_URL, else redis://127.0.0.1:6379`,

  async run(args, io) {
    const [action, ...rest] = args;
    if (!ACTIONS.includes(action as Action)) {
      throw new UsageError(
        action === undefined
          ? `budget needs an action: ${ACTIONS.join(", ")}`
          : `unknown budget action "${action}": choose ${ACTIONS.join(", ")}`,
        "budget",
      );
    }
    const { values, positionals } = parseCommandArgs("budget", rest, OPTIONS);
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument "${positionals[0]}"`, "budget");
    const id = values.id;
    if (!id) throw new UsageError(`budget ${action} needs --id`, "budget");
    const total =
      action === "create"
        ? parseUsd("total", values.total ?? missing("total", action), "budget", { allowZero: true })
        : undefined;
    const amount =
      action === "top-up"
        ? parseUsd("amount", values.amount ?? missing("amount", action), "budget", {
            allowNegative: true,
          })
        : undefined;
    const intervalMs = parseDuration("interval", values.interval ?? "1s", "budget");

    const store = await connectStore(redisUrl(values.redis, io.env), "llmc budget");
    try {
      const color = paletteFor(io.stdout, io.env);
      switch (action as Action) {
        case "create": {
          const created = await store.createBudget(id, total!);
          const verb = created.created ? "created" : "already exists, left unchanged:";
          io.stdout.write(
            `${id} ${verb} total ${usd(created.total)}, spent ${usd(created.spent)}\n`,
          );
          return 0;
        }
        case "top-up": {
          await requireBudget(store, id);
          const state = await store.topUp(id, amount!);
          io.stdout.write(
            `${id}: total now ${usd(state.total)}, remaining ${usd(state.remaining)}\n`,
          );
          return 0;
        }
        case "close": {
          if (id.includes("/")) {
            throw new UsageError(
              `budget close takes a root id (the whole tree), got "${id}"`,
              "budget",
            );
          }
          await requireBudget(store, id);
          const deleted = await store.closeBudget(id, { force: values.force === true });
          io.stdout.write(`${id} closed: ${deleted} budget(s) deleted\n`);
          return 0;
        }
        case "show":
          if (values.watch) return await watchTree(store, id, intervalMs, color, io);
          return await showTree(store, id, values.json === true, color, io);
      }
    } finally {
      await store.close();
    }
  },
};

function missing(flag: string, action: string): never {
  throw new UsageError(`budget ${action} needs --${flag}`, "budget");
}

async function requireBudget(store: RedisStore, id: string): Promise<void> {
  if (!(await store.getBudget(id))) throw noSuchBudget(id);
}

function noSuchBudget(id: string): CliConfigError {
  return new CliConfigError(
    `No budget "${id}" in Redis: create it with \`llmc budget create --id ${id} --total <USD>\`.`,
  );
}

async function showTree(store: RedisStore, id: string, json: boolean, color: Palette, io: CliIo) {
  const tree = await readBudgetTree(store, id);
  if (!tree) throw noSuchBudget(id);
  io.stdout.write(
    json ? `${JSON.stringify(flattenTree(tree), null, 2)}\n` : `${renderBudgetTree(tree, color)}\n`,
  );
  return 0;
}

/**
 * Redraws the tree every interval until Ctrl-C. On a terminal the screen is redrawn in place;
 * elsewhere (a pipe, a log) a new drawing is printed only when the numbers changed.
 */
async function watchTree(
  store: RedisStore,
  id: string,
  intervalMs: number,
  color: Palette,
  io: CliIo,
) {
  const live = io.stdout.isTTY === true;
  let previous = "";
  while (!io.signal.aborted) {
    const tree = await readBudgetTree(store, id);
    if (!tree) throw noSuchBudget(id);
    const drawing = renderBudgetTree(tree, color);
    if (live) {
      const stamp = color.dim(
        `${new Date().toLocaleTimeString()} · every ${intervalMs} ms · Ctrl-C to stop`,
      );
      io.stdout.write(`\x1b[H\x1b[2J${drawing}\n\n${stamp}\n`);
    } else if (drawing !== previous) {
      io.stdout.write(`${previous === "" ? "" : "\n"}${drawing}\n`);
    }
    previous = drawing;
    await sleep(intervalMs, io.signal);
  }
  return 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
