/**
 * Appends one settle event to a budget tree's ledger stream, and trims what is older than the
 * retention — both by Redis' clock (the entry id is Redis' `TIME`), so every process agrees on
 * when an entry was written and when it may go.
 *
 *   KEYS[1]  the ledger STREAM      ARGV[1]  the event (JSON)      ARGV[2]  retention (ms)
 *
 * Trimming is exact (`MINID =`): on each append every entry older than the retention goes;
 * with nothing old it costs one look at the stream's first entry. Reply: the entry id.
 */
export const LEDGER_APPEND_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local oldest = now - tonumber(ARGV[2])
if oldest < 0 then oldest = 0 end
return redis.call('XADD', KEYS[1], 'MINID', '=', string.format('%.0f', oldest), '*', 'e', ARGV[1])
`;
