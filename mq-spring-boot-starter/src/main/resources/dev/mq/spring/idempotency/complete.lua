-- Marks a claimed key processed for its time to live, if the claim is still this holder's.
-- KEYS[1]: the key; ARGV[1]: the holder's token; ARGV[2]: the time to live in milliseconds.
-- Returns 1 when marked, 0 when the claim expired or was taken over.
if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then
    redis.call('SET', KEYS[1], 'processed:' .. ARGV[1], 'PX', ARGV[2])
    return 1
end
return 0
