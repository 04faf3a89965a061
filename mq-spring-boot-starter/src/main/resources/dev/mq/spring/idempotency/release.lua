-- Gives up a claimed key, if the claim is still this holder's.
-- KEYS[1]: the key; ARGV[1]: the holder's token.
-- Returns 1 when released, 0 when the claim expired or was taken over.
if redis.call('GET', KEYS[1]) == 'claimed:' .. ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 1
end
return 0
