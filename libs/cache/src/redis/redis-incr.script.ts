/**
 * `incr` as one Lua script, so the check, the increment and the TTL on creation are a single atomic
 * step in Redis. Same rules as `nextCounterValue`: the stored text must be a whole number (no
 * leading zeros, no `-0`) within ±(2^53 - 1), and so must the result; otherwise nothing changes.
 * Lua numbers are doubles, exact for every safe integer, so the range checks are exact; the
 * increment itself is Redis's 64-bit INCRBY. The new value is returned as text: ioredis decodes
 * integer replies near 2^53 inexactly, `Number()` of the text is exact.
 *
 * KEYS[1]: the full key. ARGV[1]: the step. ARGV[2]: TTL in ms for a new key, or ''.
 */
export const REDIS_INCR_SCRIPT = `
local max = 9007199254740991
local current = redis.call('GET', KEYS[1])
if current then
  if current ~= '0' and not string.match(current, '^%-?[1-9][0-9]*$') then
    return redis.error_reply('FAXBOT_NOT_A_COUNTER')
  end
  local value = tonumber(current)
  if value > max or value < -max then
    return redis.error_reply('FAXBOT_NOT_A_COUNTER')
  end
  local sum = value + tonumber(ARGV[1])
  if sum > max or sum < -max then
    return redis.error_reply('FAXBOT_OUT_OF_RANGE')
  end
  redis.call('INCRBY', KEYS[1], ARGV[1])
  return redis.call('GET', KEYS[1])
end
if ARGV[2] == '' then
  redis.call('SET', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return ARGV[1]
`;
