// A worker process for the multi-process tests. Plain JavaScript importing the BUILT packages
// (dist/), as a real deployment would. The parent sends one job over IPC; the worker answers
// with { type: "done", … } (or { type: "holding" } for the crash test) and exits.
import { randomUUID } from "node:crypto";
import { RedisBudgetStore, RedisSpendLedger } from "@llmc/budget-redis";
import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";

/** Small seeded PRNG, so each worker's amounts are reproducible. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** 200 concurrent reserve → settle through a BudgetTracker (child of the shared root). */
async function spend(job) {
  const store = await RedisBudgetStore.connect({ url: job.url });
  const random = mulberry32(job.seed);
  const root = new BudgetTracker({ total: job.rootTotalUsd, id: job.rootId, store });
  const mine = root.child({ total: job.childTotalUsd, id: `w${job.index}` });
  let charged = 0;
  let settled = 0;
  let refused = 0;
  const refusedBy = {};
  await Promise.all(
    Array.from({ length: job.ops }, async () => {
      const amount = job.minNanos + Math.floor(random() * (job.maxNanos - job.minNanos));
      const actual = random() < 0.1 ? 0 : Math.floor(amount * random());
      let reservation;
      try {
        reservation = await mine.reserve(amount);
      } catch (error) {
        if (!(error instanceof LLMBudgetExceededError)) throw error;
        refused++;
        refusedBy[error.budgetId] = (refusedBy[error.budgetId] ?? 0) + 1;
        return;
      }
      const outcome = await reservation.settle(actual);
      if (outcome.status !== "settled") throw new Error(`unexpected ${outcome.status}`);
      charged += outcome.chargedNanos;
      settled++;
    }),
  );
  await store.close();
  return { charged, settled, refused, refusedBy };
}

/**
 * `job.ops` concurrent reserve → settle through a child of the shared root, every settle
 * recorded in the shared Redis ledger with this worker's metadata. Reports what it charged.
 */
async function ledger(job) {
  // A loaded machine must not turn into store timeouts: this test is about the sums.
  const store = await RedisBudgetStore.connect({ url: job.url, commandTimeoutMs: 20_000 });
  const spendLedger = new RedisSpendLedger({ client: store.client, commandTimeoutMs: 20_000 });
  const random = mulberry32(job.seed);
  const root = new BudgetTracker({ total: job.rootTotalUsd, id: job.rootId, store });
  const mine = root.child({ total: job.childTotalUsd, id: `w${job.index}` });
  spendLedger.attach(root);
  let charged = 0;
  await Promise.all(
    Array.from({ length: job.ops }, async (_, op) => {
      const amount = 1 + Math.floor(random() * job.maxNanos);
      const actual = Math.floor(amount * random());
      const reservation = await mine.reserve(amount);
      const outcome = await reservation.settle(actual, {
        provider: "worker",
        model: op % 2 === 0 ? "even" : "odd",
        metadata: { agent: `agent-${job.index % 3}` },
      });
      charged += outcome.chargedNanos;
    }),
  );
  await spendLedger.flush();
  await store.close();
  return { charged };
}

/**
 * Daily-windowed spending across a day boundary (the store's clock moved by clockOffsetMs):
 * one hold reserved at once and settled only after the boundary, and `job.lanes` concurrent
 * loops of reserve → hold a while (in flight) → settle until `job.afterMs` past the boundary.
 * Reports what was charged per period (the reserve's period, as the store decided it),
 * refusals, and holds reserved before the boundary and settled after it.
 */
async function window(job) {
  // A loaded machine must not turn into store timeouts: this test is about the boundary.
  const store = await RedisBudgetStore.connect({
    url: job.url,
    clockOffsetMs: job.clockOffsetMs,
    commandTimeoutMs: 20_000,
  });
  const spendLedger = new RedisSpendLedger({ client: store.client, commandTimeoutMs: 20_000 });
  const random = mulberry32(job.seed);
  const root = new BudgetTracker({
    total: job.rootTotalUsd,
    id: job.rootId,
    store,
    window: { every: "day", timeZone: "UTC" },
  });
  const mine = root.child({ total: job.childTotalUsd, id: `w${job.index}` });
  spendLedger.attach(root);
  const charged = {};
  let refused = 0;
  let crossed = 0;
  const storeNow = () => Date.now() + job.clockOffsetMs;
  const settle = async (reservation, actual) => {
    const outcome = await reservation.settle(actual, {
      provider: "worker",
      metadata: { worker: job.index },
    });
    const period = reservation.periods[0];
    charged[period] = (charged[period] ?? 0) + outcome.chargedNanos;
    if (period < job.boundary && storeNow() >= job.boundary) crossed++;
  };
  const straddle = await mine.reserve(job.minNanos);
  const lane = async () => {
    while (storeNow() < job.boundary + job.afterMs) {
      const amount = job.minNanos + Math.floor(random() * (job.maxNanos - job.minNanos));
      let reservation;
      try {
        reservation = await mine.reserve(amount);
      } catch (error) {
        if (!(error instanceof LLMBudgetExceededError)) throw error;
        refused++;
        await sleep(20);
        continue;
      }
      await sleep(Math.floor(random() * job.holdMs));
      await settle(reservation, Math.floor(amount * random()));
    }
  };
  await Promise.all(Array.from({ length: job.lanes }, lane));
  await settle(straddle, job.minNanos);
  await spendLedger.flush();
  await store.close();
  return { charged, refused, crossed, straddlePeriod: straddle.periods[0] };
}

/** Reserves and then holds, for the parent to SIGKILL. */
async function hold(job) {
  const store = await RedisBudgetStore.connect({ url: job.url });
  const tracker = new BudgetTracker({
    total: job.totalUsd,
    id: job.rootId,
    store,
    leaseMs: job.leaseMs,
  });
  for (let i = 0; i < job.count; i++) await tracker.reserve(job.amountNanos);
  process.send({ type: "holding" });
  await new Promise(() => {}); // never settles: the parent kills this process
}

/**
 * Store-level reserve → settle while Redis may restart under us. Every call is retried with the
 * SAME reservation id until Redis gives a definitive answer: the store's idempotency makes the
 * retries safe, so what this worker saw settle is exactly what Redis charged.
 */
async function durable(job) {
  const store = await RedisBudgetStore.connect({
    url: job.url,
    commandTimeoutMs: job.commandTimeoutMs,
    redisOptions: { retryStrategy: () => 25, maxRetriesPerRequest: null },
  });
  const random = mulberry32(job.seed);
  const chain = [{ id: job.rootId, totalNanos: job.totalNanos }];
  let charged = 0;
  let settled = 0;
  let refused = 0;
  let retries = 0;
  let done = 0;
  const deadline = Date.now() + job.deadlineMs;
  const retry = async (operation) => {
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        retries++;
        await sleep(20);
      }
    }
  };
  const lane = async () => {
    while (done < job.ops) {
      done++;
      const reservationId = randomUUID();
      const amount = 1 + Math.floor(random() * job.maxNanos);
      const actual = Math.floor(amount * random());
      const outcome = await retry(() =>
        store.reserve({ reservationId, chain, amountNanos: amount, leaseMs: job.leaseMs }),
      );
      if (!outcome.ok) {
        refused++;
        continue;
      }
      const result = await retry(() => store.settle(reservationId, actual));
      if (result.status !== "settled" && result.status !== "already-settled") {
        throw new Error(`unexpected settle outcome ${result.status}`);
      }
      charged += result.chargedNanos;
      settled++;
      if (settled % 25 === 0) process.send({ type: "progress", settled });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  await store.close();
  return { charged, settled, refused, retries };
}

process.once("message", async (job) => {
  try {
    const modes = { spend, hold, durable, ledger, window };
    const result = await modes[job.mode](job);
    process.send({ type: "done", ...result }, () => process.exit(0));
  } catch (error) {
    process.send({ type: "error", message: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
process.send({ type: "ready" });
