/**
 * Shared head of every script. Each script declares its tree's fixed keys and settings the same
 * way, so this prelude can free expired leases before the script does its own work:
 *
 *   KEYS[1] reservations HASH   id → record, plus the two marks below
 *   KEYS[2] leases ZSET         open reservation id → lease expiry (ms, Redis clock)
 *   KEYS[3] forget LIST         `<ms>}<id>`: closed records in the order they may be dropped
 *   KEYS[4] nodes SET           node ids of the tree
 *   KEYS[5..]                   node HASHes the script reads or writes (script-specific)
 *   ARGV[1] node key prefix     `<prefix>:{root}:node:` (a node's key is this plus its id)
 *   ARGV[2] sweep limit         at most this many expired leases / old records per call,
 *                               optionally `<limit>:<clock offset ms>` (a test option that moves
 *                               this store's clock; every process of a test uses the same)
 *   ARGV[3] memory ms           how long settled ids are remembered (idempotent settle)
 *   ARGV[4..]                   script-specific
 *
 * Records (the separator `}` cannot occur in a budget id or a reservation id):
 *   `O}<amount>}<leaf id>}…}<root id>`   open: `amount` is held on every listed node; when a
 *                                        node of the chain is windowed, `<amount>@<t>` with
 *                                        `t` the reserve time (ms): the hold belongs to the
 *                                        period `t` falls in, on each windowed node
 *   `E}<amount>}<leaf id>}…}<root id>`   lease ran out: freed, the next settle still charges
 *   `S}<charged>`                        settled or released; a repeat settle changes nothing
 *   `A`                                  an applied `adjustTotal` (field `}adjust}<op id>`)
 *
 * Marks (fields of KEYS[1]), so that a call with nothing to clean up costs no extra command:
 *   `}lease`   no open lease expires before this time (ms); absent when none is open
 *   `}forget`  no closed record is due to be forgotten before this time (ms), give or take a
 *             second (forgetting late only costs memory); present exactly when the forget
 *             queue is not empty
 * The forget queue is a LIST, not a ZSET: its times are "now + memory", so they only grow and
 * the head is the earliest; RPUSH/LTRIM are O(1) where a big ZSET costs O(log n) per write.
 * If times ever arrive out of order (another store with a shorter memory, a clock step back),
 * some records are forgotten late, never early.
 * The lease mark may be earlier than the true earliest expiry (after a settle removed that
 * lease); a sweep then finds nothing due and moves the mark to the real one. It is never later,
 * so an expired lease is freed by the first call after it ends.
 *
 * Windowed nodes (fields `w` = day | week | month, `p` = start of the current period, ms UTC)
 * roll to the period of the script's clock on reserve: `spent` and `reserved` start again at
 * 0. A hold made in an earlier period then counts nowhere any more: its settle, release or
 * expiry leaves the node's numbers alone (it fitted its own period when it was made).
 *
 * Money is integer nano-dollars. Lua numbers are doubles, exact for integers up to 2^53, which
 * covers every amount (core keeps them below Number.MAX_SAFE_INTEGER). Amounts are always
 * stored with HINCRBY, which refuses anything but integers, and the scripts never turn a number
 * into a string with `tostring` or `..` (that would print 14 significant digits): amounts that
 * go back to the caller are the exact strings Redis stored or the caller sent. Numbers passed
 * to redis.call are sent with all their digits.
 */
export const PRELUDE = `
local NODE_PREFIX = ARGV[1]
local limit_arg, offset_arg = string.match(ARGV[2], '^(%d+):?(-?%d*)$')
local SWEEP_LIMIT = tonumber(limit_arg)
local CLOCK_OFFSET = tonumber(offset_arg) or 0
local MEMORY_MS = tonumber(ARGV[3])
local LEASE_MARK = '}lease'
local FORGET_MARK = '}forget'

-- Redis' own clock, so leases do not depend on the clocks of the machines that call.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + CLOCK_OFFSET
end

local DAY = 86400000

-- The start (ms, UTC) of the period of window w ('day' | 'week' | 'month') that t falls in.
local function period_of(w, t)
  local days = math.floor(t / DAY)
  if w == 'day' then return days * DAY end
  -- Day 0 (1970-01-01) was a Thursday; weeks start on Monday.
  if w == 'week' then return (days - (days + 3) % 7) * DAY end
  -- The day of the month, from the civil-from-days algorithm (H. Hinnant), exact in doubles.
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
    - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  return (days - (d - 1)) * DAY
end

-- Whether a hold made at time t (nil: no windowed node then) still counts on node key: the
-- node has no window, or its current period is the one t falls in.
local function hold_counts(key, t)
  if not t then return true end
  local v = redis.call('HMGET', key, 'w', 'p')
  if not v[1] then return true end
  return period_of(v[1], t) == tonumber(v[2])
end

-- HINCRBY with a Lua number (sent as its exact integer digits); zero is skipped.
local function incr(key, field, n)
  if n ~= 0 then redis.call('HINCRBY', key, field, n) end
end

-- Splits an 'O' or 'E' record into its amount (string), the node ids it holds, and the
-- reserve time (nil when no node of the chain was windowed).
local function parse_hold(record)
  local parts = {}
  for part in string.gmatch(string.sub(record, 3), '[^}]+') do
    parts[#parts + 1] = part
  end
  local amount = table.remove(parts, 1)
  local at = string.find(amount, '@', 1, true)
  if not at then return amount, parts, nil end
  return string.sub(amount, 1, at - 1), parts, tonumber(string.sub(amount, at + 1))
end

-- Queues a closed record to be forgotten MEMORY_MS from now; starts the forget mark when the
-- queue was empty (the mark is present exactly when the queue is not).
local function remember(rid, now, forget_at)
  local at = now + MEMORY_MS
  redis.call('RPUSH', KEYS[3], string.format('%.0f', at) .. '}' .. rid)
  if forget_at then return forget_at end
  redis.call('HSET', KEYS[1], FORGET_MARK, at)
  return at
end

-- Moves the lease mark to the earliest lease left, or removes it when none is open.
local function reset_lease_mark()
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if not first[2] then
    redis.call('HDEL', KEYS[1], LEASE_MARK)
    return nil
  end
  redis.call('HSET', KEYS[1], LEASE_MARK, first[2])
  return tonumber(first[2])
end

-- Forgets the closed records that are due, oldest first, at most SWEEP_LIMIT. Forgetting late
-- only costs memory: unless a full batch was due (then look again on the next call), the mark
-- moves at least a second ahead, so a busy tree forgets in batches, not on every call.
local function forget_due(now)
  local entries = redis.call('LRANGE', KEYS[3], 0, SWEEP_LIMIT - 1)
  local due = {}
  local next_at = nil
  for _, entry in ipairs(entries) do
    local cut = string.find(entry, '}', 1, true)
    local at = tonumber(string.sub(entry, 1, cut - 1))
    if at > now then
      next_at = at
      break
    end
    due[#due + 1] = string.sub(entry, cut + 1)
  end
  if #due > 0 then
    redis.call('HDEL', KEYS[1], unpack(due))
    redis.call('LTRIM', KEYS[3], #due, -1)
  end
  if next_at then
    if next_at < now + 1000 then next_at = now + 1000 end
    redis.call('HSET', KEYS[1], FORGET_MARK, next_at)
    return next_at
  end
  if #entries < SWEEP_LIMIT then
    redis.call('HDEL', KEYS[1], FORGET_MARK)
    return nil
  end
  return now
end

-- Frees reservations whose lease ran out (at most SWEEP_LIMIT) and forgets closed records
-- whose memory ran out (at most SWEEP_LIMIT), when a mark says some are due. Runs first in
-- every script: no timers needed. Returns the new marks and whether any reservation was freed.
local function sweep(now, lease_at, forget_at)
  local freed = false
  if lease_at and now >= lease_at then
    local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, SWEEP_LIMIT)
    for _, rid in ipairs(expired) do
      local record = redis.call('HGET', KEYS[1], rid)
      if record and string.sub(record, 1, 1) == 'O' then
        local amount, ids, t = parse_hold(record)
        local n = tonumber(amount)
        for _, id in ipairs(ids) do
          if hold_counts(NODE_PREFIX .. id, t) then incr(NODE_PREFIX .. id, 'reserved', -n) end
        end
        redis.call('HSET', KEYS[1], rid, 'E' .. string.sub(record, 2))
        forget_at = remember(rid, now, forget_at)
      end
    end
    if #expired > 0 then
      redis.call('ZREM', KEYS[2], unpack(expired))
      freed = true
    end
    -- Exact: a lease must be freed on the first call after it ends.
    lease_at = reset_lease_mark()
  end
  if forget_at and now >= forget_at then
    forget_at = forget_due(now)
  end
  return lease_at, forget_at, freed
end

-- total, spent, reserved of one node as the strings Redis holds ('0' when unset).
local function node_state(key)
  local v = redis.call('HMGET', key, 'total', 'spent', 'reserved')
  return v[1], v[2] or '0', v[3] or '0'
end

-- node_state as of now, without writing: a windowed node past its period reads 0 spent, 0
-- held. Also returns the current period's start (a string; false without a window).
local function node_view(key, now)
  local v = redis.call('HMGET', key, 'total', 'spent', 'reserved', 'w', 'p')
  if not v[4] then return v[1], v[2] or '0', v[3] or '0', false end
  local current = period_of(v[4], now)
  if v[5] and current <= tonumber(v[5]) then return v[1], v[2] or '0', v[3] or '0', v[5] end
  return v[1], '0', '0', string.format('%.0f', current)
end
`;
