import { randomUUID } from 'node:crypto';
import type { RedisStateStore } from './redis-state-store.js';
import { type AttemptBudgets, type Budget, type Refused, type Slot, type Taken } from './attempt-budgets.js';

/** Under the state store's prefix, so one Redis can serve other services too. */
const PREFIX = 'member-subgraph:attempts:';

/**
 * Each budget is a hash: `n` slots taken, `w` the window's id (set when its first slot is taken, with
 * the window's expiry). KEYS are the budgets; ARGV the window length in ms, a fresh window id, then
 * each budget's limit. Checks every budget, then counts in every one or in none: returns {0, ms until
 * the fullest frees up} or {1, window id of each budget}.
 */
const TAKE = `
local wait = -1
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('HGET', key, 'n') or '0') >= tonumber(ARGV[i + 2]) then
    wait = math.max(wait, redis.call('PTTL', key), 1)
  end
end
if wait > 0 then return {0, wait} end
local taken = {1}
for i, key in ipairs(KEYS) do
  if redis.call('HSETNX', key, 'w', ARGV[2]) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  redis.call('HINCRBY', key, 'n', 1)
  taken[i + 1] = redis.call('HGET', key, 'w')
end
return taken`;

/** KEYS are budgets, ARGV the window id each slot was taken in: a slot goes back only to its own window, never below 0. */
const GIVE_BACK = `
for i, key in ipairs(KEYS) do
  if redis.call('HGET', key, 'w') == ARGV[i] and tonumber(redis.call('HGET', key, 'n')) > 0 then
    redis.call('HINCRBY', key, 'n', -1)
  end
end
return 0`;

/** Attempt budgets every replica shares, on the state store's Redis connection. */
export class RedisAttemptBudgets implements AttemptBudgets {
  constructor(private readonly client: RedisStateStore['client']) {}

  async take(budgets: readonly Budget[], windowMs: number): Promise<Taken | Refused> {
    const answer = (await this.client.eval(TAKE, {
      keys: budgets.map(({ key }) => PREFIX + key),
      arguments: [String(windowMs), randomUUID(), ...budgets.map(({ limit }) => String(limit))],
    })) as [number, ...(number | string)[]];
    const [taken, ...rest] = answer;
    if (taken === 0) return { retryAfterMs: Number(rest[0]) };
    return { slots: budgets.map(({ key }, i) => ({ key, window: String(rest[i]) })) };
  }

  async giveBack(slots: readonly Slot[]): Promise<void> {
    if (slots.length === 0) return;
    await this.client.eval(GIVE_BACK, { keys: slots.map(({ key }) => PREFIX + key), arguments: slots.map(({ window }) => window) });
  }

  async clear(key: string): Promise<void> {
    await this.client.del(PREFIX + key);
  }
}
