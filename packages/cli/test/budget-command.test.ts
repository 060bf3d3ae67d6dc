import { RedisBudgetStore } from "@llmc/budget-redis";
import { BudgetTracker } from "@llmc/core";
import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { main } from "../src/main.js";
import { fakeIo } from "./fake-io.js";
import { eventually, runLlmc, simulatorEnv, startLlmc } from "./llmc-bin.js";
import { RedisTestServer } from "./redis-server.js";

let redis: RedisTestServer;
let store: RedisBudgetStore;
let sim: Simulator;
let env: Record<string, string>;

beforeAll(async () => {
  redis = await RedisTestServer.start();
  store = await RedisBudgetStore.connect({ url: redis.url });
  sim = await startSimulator();
  env = { ...simulatorEnv(sim), LLMC_REDIS_URL: redis.url };
});
afterAll(async () => {
  await store?.close();
  await sim?.close();
  await redis?.stop();
});

describe("llmc budget against a real redis-server", () => {
  it("create, a child, show the tree, top-up", async () => {
    const created = await runLlmc(["budget", "create", "--id", "team-a", "--total", "10"], { env });
    expect(created.code).toBe(EXIT.ok);
    expect(created.stdout).toBe("team-a created total $10.00, spent $0.00\n");
    await runLlmc(["budget", "create", "--id", "team-a/writer", "--total", "2"], { env });
    await runLlmc(["budget", "create", "--id", "team-a/research", "--total", "4"], { env });
    const again = await runLlmc(["budget", "create", "--id", "team-a", "--total", "99"], { env });
    expect(again.stdout).toBe("team-a already exists, left unchanged: total $10.00, spent $0.00\n");

    const hold = await new BudgetTracker({ total: 10, id: "team-a", store })
      .child({ id: "writer", total: 2 })
      .reserve(500_000_000); // $0.50 held on team-a and team-a/writer
    const show = await runLlmc(["budget", "show", "--id", "team-a"], { env });
    expect(show.code).toBe(EXIT.ok);
    expect(show.stdout.split("\n")).toEqual([
      expect.stringMatching(/^budget +total +spent +reserved +remaining +used$/),
      expect.stringMatching(/^team-a +\$10\.00 +\$0\.00 +\$0\.50 +\$9\.50 +▒{2}░{22} +0%$/),
      expect.stringMatching(/^├─ research +\$4\.00 +\$0\.00 +\$0\.00 +\$4\.00 +░{24} +0%$/),
      expect.stringMatching(/^└─ writer +\$2\.00 +\$0\.00 +\$0\.50 +\$1\.50 +▒{6}░{18} +0%$/),
      "",
    ]);
    await hold.settle(250_000_000);

    const topUp = await runLlmc(["budget", "top-up", "--id", "team-a", "--amount", "5"], { env });
    expect(topUp.stdout).toBe("team-a: total now $15.00, remaining $14.75\n");
    const json = await runLlmc(["budget", "show", "--id", "team-a/writer", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual([
      { id: "team-a/writer", total: 2, spent: 0.25, reserved: 0, remaining: 1.75 },
    ]);
  });

  it("run --budget-id charges the shared budget chain; a call that does not fit is refused", async () => {
    await store.createBudget("job", 1);
    await store.createBudget("job/agent", 0.001);
    sim.script("openai", { text: "ok", usage: { inputTokens: 1_000, outputTokens: 1_000 } });
    const run = await runLlmc(
      ["run", "hi", "-p", "openai", "--budget-id", "job/agent", "--max-output-tokens", "1000"],
      { env },
    );
    expect(run.code).toBe(EXIT.ok);
    // 1,000 × $0.15/M + 1,000 × $0.60/M = $0.00075, on the child and on its parent.
    expect((await store.getBudget("job/agent"))?.spent).toBeCloseTo(0.00075, 9);
    expect((await store.getBudget("job"))?.spent).toBeCloseTo(0.00075, 9);

    const before = sim.requestCount();
    const refused = await runLlmc(
      ["run", "hi", "-p", "openai", "--budget-id", "job/agent", "--max-output-tokens", "1000"],
      { env },
    );
    expect(refused.code).toBe(EXIT.budgetRefused);
    expect(refused.stderr).toMatch(/^llmc: Budget "job\/agent" cannot cover this call/);
    expect(sim.requestCount()).toBe(before);
  });

  it("run --budget-id records each call in the tree's ledger; report sums it exactly per agent", async () => {
    await store.createBudget("ledger-job", 1);
    await store.createBudget("ledger-job/triage", 0.5);
    sim.script("openai", { text: "a", usage: { inputTokens: 1_234, outputTokens: 567 } });
    sim.script("openai", { text: "b", usage: { inputTokens: 89, outputTokens: 1_001 } });
    sim.script("openai", { text: "c", usage: { inputTokens: 7, outputTokens: 3 } });
    for (const [id, agent] of [
      ["ledger-job/triage", "triage"],
      ["ledger-job/triage", "triage"],
      ["ledger-job", "lead"],
    ] as const) {
      const args = ["run", "hi", "-p", "openai", "--budget-id", id, "--meta", `agent=${agent}`];
      const run = await runLlmc([...args, "--max-output-tokens", "1100"], { env });
      expect(run.code).toBe(EXIT.ok);
    }
    const json = await runLlmc(
      ["report", "--budget-id", "ledger-job", "--by", "metadata.agent", "--json"],
      { env },
    );
    expect(json.code).toBe(EXIT.ok);
    const report = JSON.parse(json.stdout);
    const root = await store.snapshot({ id: "ledger-job", totalNanos: 0 });
    const triage = await store.snapshot({ id: "ledger-job/triage", totalNanos: 0 });
    expect(report.total.costNanos).toBe(root.spentNanos);
    expect(report.total.calls).toBe(3);
    const triageRow = report.rows.find(
      (row: { group: Record<string, string> }) => row.group["metadata.agent"] === "triage",
    );
    expect(triageRow).toMatchObject({ calls: 2, costNanos: triage.spentNanos, inputTokens: 1_323 });

    const table = await runLlmc(["report", "--budget-id", "ledger-job", "--since", "1h"], { env });
    expect(table.code).toBe(EXIT.ok);
    expect(table.stdout.split("\n")).toEqual([
      expect.stringMatching(
        /^agent +provider +model +calls +attempts +tokens in +tokens out +cost$/,
      ),
      expect.stringMatching(/^triage +openai +gpt-4o-mini +2 +2 +1,323 +1,568 +\$0\.001\d+$/),
      expect.stringMatching(/^lead +openai +gpt-4o-mini +1 +1 +7 +3 +\$0\.000003$/),
      expect.stringMatching(/^all +3 +3 +1,330 +1,571 +\$0\.001\d+$/),
      "",
    ]);
    const later = await runLlmc(["report", "--budget-id", "ledger-job", "--since", "2999-01-01"], {
      env,
    });
    expect(later.stdout).toMatch(/^all +0 +0 +0 +0 +\$0\.00$/m);
  });

  it("--watch redraws while another process spends, and stops on Ctrl-C with exit 0", async () => {
    await store.createBudget("live", 1);
    const watch = startLlmc(["budget", "show", "--id", "live", "--watch", "--interval", "50ms"], {
      env,
    });
    try {
      await eventually(() => watch.stdout().includes("$1.00"), "the first drawing");
      expect(watch.stdout()).toMatch(/^live +\$1\.00 +\$0\.00 +\$0\.00 +\$1\.00 +░{24} +0%$/m);
      const hold = await new BudgetTracker({ total: 1, id: "live", store }).reserve(250_000_000);
      await hold.settle(250_000_000);
      await eventually(() => /\$0\.25/.test(watch.stdout()), "the redrawn tree");
      expect(watch.stdout()).toMatch(/^live +\$1\.00 +\$0\.25 +\$0\.00 +\$0\.75 +█{6}░{18} +25%$/m);
      watch.child.kill("SIGINT");
      const done = await watch.exited();
      expect(done.code).toBe(EXIT.ok);
      expect(done.stderr).toBe("");
    } finally {
      await watch.kill();
    }
  });

  it("--watch on a terminal redraws the screen in place, in colour, until aborted", async () => {
    await store.createBudget("screen", 2);
    const { io, stdout, controller } = fakeIo({ tty: true, env: { LLMC_REDIS_URL: redis.url } });
    const watching = main(
      ["budget", "show", "--id", "screen", "--watch", "--interval", "20ms"],
      io,
    );
    await eventually(() => stdout.writes.length >= 2, "two redraws");
    controller.abort();
    expect(await watching).toBe(EXIT.ok);
    for (const frame of stdout.writes) {
      expect(frame.startsWith("\x1b[H\x1b[2J")).toBe(true);
      expect(frame).toContain("screen");
      expect(frame).toContain("Ctrl-C to stop");
    }
    expect(stdout.writes[0]).toContain("\x1b[2m░░░"); // the bar, coloured on a terminal
  });

  it("close refuses while a reservation is open (exit 6), --force deletes the tree", async () => {
    await store.createBudget("old", 1);
    const hold = await new BudgetTracker({ total: 1, id: "old", store }).reserve(1_000);
    const refused = await runLlmc(["budget", "close", "--id", "old"], { env });
    expect(refused.code).toBe(EXIT.budgetStore);
    expect(refused.stderr).toMatch(/^llmc: Budget old still has 1 open reservation/);
    const forced = await runLlmc(["budget", "close", "--id", "old", "--force"], { env });
    expect(forced.code).toBe(EXIT.ok);
    expect(forced.stdout).toBe("old closed: 1 budget(s) deleted\n");
    expect(await store.getBudget("old")).toBeUndefined();
    await hold.release().catch(() => {});
  });

  it("a budget that does not exist is exit 3 saying how to create it", async () => {
    const run = await runLlmc(["budget", "show", "--id", "nope"], { env });
    expect(run.code).toBe(EXIT.config);
    expect(run.stderr).toBe(
      'llmc: No budget "nope" in Redis: create it with `llmc budget create --id nope --total <USD>`.\n',
    );
  });

  it("Redis unreachable: exit 6, no password in the message", async () => {
    const run = await runLlmc(
      ["budget", "show", "--id", "x", "--redis", "redis://:hunter2@127.0.0.1:1"],
      { env },
    );
    expect(run.code).toBe(EXIT.budgetStore);
    expect(run.stderr).toMatch(
      /^llmc: Could not connect to Redis at redis:\/\/127\.0\.0\.1:1, so nothing was done/,
    );
    expect(run.stderr).not.toContain("hunter2");
  });

  it.each([
    [["budget"], /budget needs an action/],
    [["budget", "grow", "--id", "x"], /unknown budget action "grow"/],
    [["budget", "create", "--id", "x"], /budget create needs --total/],
    [["budget", "show"], /budget show needs --id/],
    [["budget", "close", "--id", "a/b"], /budget close takes a root id/],
  ])("usage error %j → exit 2", async (args, message) => {
    const run = await runLlmc(args, { env });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(message);
  });
});
