-- Claims one idempotency key for a while, atomically.
-- KEYS[1]: the key; ARGV[1]: the claimer's token; ARGV[2]: the lease in milliseconds.
-- The value is "claimed:<token>" while held and "processed:<token>" once done; Redis expires it.
-- Returns "acquired", "processed" or "held".
if redis.call('SET', KEYS[1], 'claimed:' .. ARGV[1], 'NX', 'PX', ARGV[2]) then
    return 'acquired'
end
local value = redis.call('GET', KEYS[1])
if string.sub(value, 1, 10) == 'processed:' then
    return 'processed'
end
return 'held'
