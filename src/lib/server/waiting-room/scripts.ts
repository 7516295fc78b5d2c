/**
 * Lua scripts of the waiting room. Each runs atomically in Redis, so joins, status reads and
 * admissions from any number of processes see one consistent room. Time comes from Redis
 * (TIME), so the processes' clocks do not have to agree.
 *
 * KEYS are always the room keys in ROOM_KEY_NAMES order:
 * 1 meta, 2 pre, 3 ticket, 4 holder, 5 seen, 6 apps, 7 nik, 8 admitted, 9 active, 10 gone,
 * 11 used, 12 samples, 13 choice, 14 auto.
 */

const COMMON = `
local function now_ms()
	local t = redis.call('TIME')
	return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function meta_num(field)
	return tonumber(redis.call('HGET', KEYS[1], field) or '0')
end

-- The first call at or after the opening freezes the pre-queue; the admitter then draws it.
local function maybe_open(now)
	local phase = redis.call('HGET', KEYS[1], 'phase')
	if phase == 'pre' and now >= meta_num('opensAt') then
		local count = redis.call('SCARD', KEYS[2])
		if count == 0 then
			phase = 'open'
		else
			phase = 'drawing'
		end
		redis.call('HSET', KEYS[1], 'phase', phase, 'preCount', count, 'openedAt', now)
	end
	return phase
end

local function seats_of(account)
	local apps = redis.call('HGET', KEYS[6], account)
	if not apps or apps == '' then return 1 end
	local _, commas = string.gsub(apps, ',', '')
	return commas + 1
end

local function last_ticket()
	return meta_num('preCount') + meta_num('postSeq')
end

-- The room and one person's place, as a flat list of strings (read in room.ts). Touching
-- records that the person's browser checked in, and picks up a new admission.
local function place_status(account, touch, now, phase)
	local ticket = redis.call('HGET', KEYS[3], account) or ''
	local inPre = 0
	if phase ~= 'open' then inPre = redis.call('SISMEMBER', KEYS[2], account) end
	local gone = redis.call('HGET', KEYS[10], account) or ''
	local admission = redis.call('HGET', KEYS[8], account) or ''
	local spentBy = ''
	if admission ~= '' and admission ~= 'done' then
		spentBy = redis.call('HGET', KEYS[11], string.match(admission, '^([^|]+)|')) or ''
	end
	if touch and gone == '' and (ticket ~= '' or inPre == 1) then
		redis.call('HSET', KEYS[5], account, now)
	end
	if touch and admission ~= '' and admission ~= 'done' then
		-- The browser has seen its admission: the seats are held for the admission's whole life.
		local tokenId, expires, sequence, picked = string.match(admission, '^([^|]+)|(%d+)|(%d+)|(%d)$')
		if picked == '0' and tonumber(expires) > now then
			admission = tokenId .. '|' .. expires .. '|' .. sequence .. '|1'
			redis.call('HSET', KEYS[8], account, admission)
			redis.call('ZADD', KEYS[9], expires, account)
		end
	end
	local preWaiting = 0
	if phase == 'pre' then preWaiting = redis.call('SCARD', KEYS[2]) end
	local m = redis.call('HMGET', KEYS[1], 'opensAt', 'serving', 'paused', 'remaining', 'mrate', 'rate')
	for i = 1, 6 do m[i] = m[i] or '' end
	return {phase, tostring(now), m[1], tostring(last_ticket()), m[2], ticket, tostring(inPre),
		admission, gone, m[3], m[4], m[5], m[6], tostring(preWaiting),
		redis.call('HGET', KEYS[6], account) or '', redis.call('HGET', KEYS[13], account) or '', spentBy}
end

-- Whether the person holds a place not yet served: in the pre-queue or waiting for their number.
local function waiting_place(account)
	if redis.call('HEXISTS', KEYS[10], account) == 1 or redis.call('HEXISTS', KEYS[8], account) == 1 then
		return false
	end
	return redis.call('HEXISTS', KEYS[3], account) == 1 or redis.call('SISMEMBER', KEYS[2], account) == 1
end
`;

/**
 * ARGV: account, opensAt ms, default rate, application ids (comma separated), NIKs...
 * Returns {state, ticket, ...place status}: state is pre | queued | admitted | nik_taken.
 */
export const JOIN = `${COMMON}
local account = ARGV[1]
if redis.call('HEXISTS', KEYS[1], 'phase') == 0 then
	redis.call('HSET', KEYS[1], 'phase', 'pre', 'opensAt', ARGV[2],
		'preCount', 0, 'postSeq', 0, 'serving', 0, 'admitted', 0, 'skipped', 0,
		'promised', 0, 'remaining', -1, 'carry', 0, 'lastTick', 0, 'mrate', '')
	-- An admin may have set the rate or paused the room before anyone arrived.
	redis.call('HSETNX', KEYS[1], 'rate', ARGV[3])
	redis.call('HSETNX', KEYS[1], 'paused', 0)
end
local now = now_ms()
local phase = maybe_open(now)
-- Every answer carries the person's place, so the caller needs no second call.
local function with_status(state, ticket)
	local answer = {state, ticket}
	for _, value in ipairs(place_status(account, true, now, phase)) do answer[#answer + 1] = value end
	return answer
end

local ended = redis.call('HGET', KEYS[10], account)
local admission = redis.call('HGET', KEYS[8], account)
if admission and admission ~= 'done' then return with_status('admitted', '') end
if ended or admission == 'done' then
	-- A place that ended (or an admission that booked) can be followed by a new one at the back.
	redis.call('HDEL', KEYS[10], account)
	redis.call('HDEL', KEYS[8], account)
	redis.call('HDEL', KEYS[3], account)
	redis.call('HDEL', KEYS[13], account)
else
	local ticket = redis.call('HGET', KEYS[3], account)
	if ticket then
		return with_status('queued', ticket)
	end
	if redis.call('SISMEMBER', KEYS[2], account) == 1 then
		return with_status('pre', '')
	end
end

for i = 5, #ARGV do
	local owner = redis.call('HGET', KEYS[7], ARGV[i])
	if owner and owner ~= account then return {'nik_taken', ''} end
end
for i = 5, #ARGV do redis.call('HSET', KEYS[7], ARGV[i], account) end
redis.call('HSET', KEYS[6], account, ARGV[4])
redis.call('HSET', KEYS[5], account, now)

if phase == 'pre' then
	redis.call('SADD', KEYS[2], account)
	return with_status('pre', '')
end
local ticket = meta_num('preCount') + redis.call('HINCRBY', KEYS[1], 'postSeq', 1)
redis.call('HSET', KEYS[3], account, ticket)
redis.call('HSET', KEYS[4], ticket, account)
return with_status('queued', tostring(ticket))
`;

/**
 * ARGV: account, touch (1 to record that the browser checked in).
 * Returns the room and the person's place as a flat list of strings (see room.ts).
 */
export const STATUS = `${COMMON}
if redis.call('HEXISTS', KEYS[1], 'phase') == 0 then return {'missing'} end
local now = now_ms()
return place_status(ARGV[1], ARGV[2] == '1', now, maybe_open(now))
`;

/**
 * Many people's places at once (the live streams of one web process). ARGV: touch, accounts...
 * Returns one status list (as STATUS) per account.
 */
export const STATUS_MANY = `${COMMON}
if redis.call('HEXISTS', KEYS[1], 'phase') == 0 then return {} end
local now = now_ms()
local phase = maybe_open(now)
local answers = {}
for i = 2, #ARGV do answers[#answers + 1] = place_status(ARGV[i], ARGV[1] == '1', now, phase) end
return answers
`;

/**
 * One admission tick. ARGV: remaining seats (-1 unknown), grace ms, admission lifetime ms,
 * burst seconds, pickup ms, n, then n fresh token ids and n fresh attempt ids, one each per
 * possible admission. An admission holds its seats for the pickup time until the person's
 * browser has seen it (STATUS), then for its whole lifetime, so a phone that went quiet does
 * not hold seats for long. A person with a standing choice has it spent at once: the token
 * goes to an attempt made for them, recorded in the auto list for the admitter to queue, and
 * the seats are held for the admission's lifetime as for a browser that has seen it.
 * Returns {phase, admittedNow, skippedNow, serving, lastTicket, promised, admittedTotal}.
 */
export const ADMIT = `${COMMON}
if redis.call('HEXISTS', KEYS[1], 'phase') == 0 then return {'missing', 0, 0, 0, 0, 0, 0} end
local now = now_ms()
local phase = maybe_open(now)
local remaining = tonumber(ARGV[1])
local grace = tonumber(ARGV[2])
local lifetime = tonumber(ARGV[3])
local burstSeconds = tonumber(ARGV[4])
local pickup = tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'remaining', ARGV[1])

-- Admissions that were never used give their seats back to the room.
local promised = meta_num('promised')
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[9], '-inf', now, 'LIMIT', 0, 500)
for _, account in ipairs(lapsed) do
	redis.call('ZREM', KEYS[9], account)
	local admission = redis.call('HGET', KEYS[8], account)
	if admission and admission ~= 'done' then
		redis.call('HDEL', KEYS[8], account)
		redis.call('HSET', KEYS[10], account, 'lapsed')
	end
	promised = promised - seats_of(account)
end
if promised < 0 then promised = 0 end

local serving = meta_num('serving')
local last = last_ticket()
local admittedTotal = meta_num('admitted')
if phase ~= 'open' or redis.call('HGET', KEYS[1], 'paused') == '1' then
	redis.call('HSET', KEYS[1], 'promised', promised, 'lastTick', now, 'carry', 0)
	return {phase, 0, 0, serving, last, promised, admittedTotal}
end

local rate = meta_num('rate')
local lastTick = meta_num('lastTick')
local elapsed = 0
if lastTick > 0 then elapsed = now - lastTick end
local allowance = math.min(meta_num('carry') + elapsed * rate / 1000, math.max(1, rate * burstSeconds))

local admittedNow, skippedNow = 0, 0
local fresh = tonumber(ARGV[6])
local nextTokenId = 7
while serving < last and skippedNow < 2000 do
	local t = serving + 1
	local account = redis.call('HGET', KEYS[4], t)
	if not account or redis.call('HGET', KEYS[3], account) ~= tostring(t)
		or redis.call('HEXISTS', KEYS[10], account) == 1 then
		-- A number nobody holds any more (left, rejoined further back): nothing to do.
		serving = t
		skippedNow = skippedNow + 1
	elseif now - tonumber(redis.call('HGET', KEYS[5], account) or '0') > grace then
		-- Gone longer than the grace period: the place is skipped, the queue does not stall.
		redis.call('HSET', KEYS[10], account, 'abandoned')
		serving = t
		skippedNow = skippedNow + 1
	else
		local seats = seats_of(account)
		local free = remaining - promised
		-- Only admit people a seat is left for; the last seats go to the head of the line even
		-- when they are fewer than its applications.
		if remaining >= 0 and free < seats and not (promised == 0 and remaining > 0) then break end
		if allowance < 1 then break end
		if nextTokenId > 6 + fresh then break end
		local tokenId = ARGV[nextTokenId]
		local attemptId = ARGV[nextTokenId + fresh]
		nextTokenId = nextTokenId + 1
		allowance = allowance - 1
		local expires = now + lifetime
		-- The admission's sequence number records the order people were served in.
		local sequence = admittedTotal + admittedNow + 1
		local choice = redis.call('HGET', KEYS[13], account)
		if choice and string.match(choice, '^[01]:') then
			redis.call('HSET', KEYS[8], account, tokenId .. '|' .. expires .. '|' .. sequence .. '|1')
			redis.call('ZADD', KEYS[9], expires, account)
			redis.call('HSET', KEYS[11], tokenId, attemptId)
			redis.call('HSET', KEYS[13], account, '@' .. attemptId .. '|' .. sequence)
			redis.call('RPUSH', KEYS[14], table.concat({account, tokenId, attemptId,
				redis.call('HGET', KEYS[6], account) or '', choice}, '|'))
		else
			redis.call('HSET', KEYS[8], account, tokenId .. '|' .. expires .. '|' .. sequence .. '|0')
			redis.call('ZADD', KEYS[9], math.min(expires, now + pickup), account)
		end
		promised = promised + seats
		serving = t
		admittedNow = admittedNow + 1
	end
end
if serving >= last then allowance = math.min(allowance, 1) end
admittedTotal = admittedTotal + admittedNow
redis.call('HSET', KEYS[1], 'serving', serving, 'promised', promised, 'lastTick', now,
	'carry', allowance, 'admitted', admittedTotal)
redis.call('HINCRBY', KEYS[1], 'skipped', skippedNow)
return {phase, admittedNow, skippedNow, serving, last, promised, admittedTotal}
`;

/** ARGV: lock token, lock ms. Returns the pre-queue's accounts if this caller may draw. */
export const CLAIM_DRAW = `${COMMON}
if redis.call('HEXISTS', KEYS[1], 'phase') == 0 then return false end
local now = now_ms()
if maybe_open(now) ~= 'drawing' then return false end
if meta_num('drawLockUntil') > now then return false end
redis.call('HSET', KEYS[1], 'drawLock', ARGV[1], 'drawLockUntil', now + tonumber(ARGV[2]))
return redis.call('SMEMBERS', KEYS[2])
`;

/** ARGV: lock token, then account, ticket pairs. Writes only while the caller holds the draw. */
export const WRITE_DRAW = `
if redis.call('HGET', KEYS[1], 'drawLock') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'phase') ~= 'drawing' then return 0 end
for i = 2, #ARGV, 2 do
	redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
	redis.call('HSET', KEYS[4], ARGV[i + 1], ARGV[i])
end
return 1
`;

/** ARGV: lock token. Opens the line once every early arrival has its drawn number. */
export const FINISH_DRAW = `
if redis.call('HGET', KEYS[1], 'drawLock') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'phase') ~= 'drawing' then return 0 end
redis.call('HSET', KEYS[1], 'phase', 'open')
redis.call('HDEL', KEYS[1], 'drawLock', 'drawLockUntil')
redis.call('DEL', KEYS[2])
return 1
`;

/**
 * Spends an admission token on one booking attempt. ARGV: account, token id, attempt id,
 * application ids (comma separated). Returns ok | again (same attempt retried) | replayed |
 * no_admission | not_in_place.
 */
export const SPEND = `
local account, tokenId, attemptId = ARGV[1], ARGV[2], ARGV[3]
local usedBy = redis.call('HGET', KEYS[11], tokenId)
if usedBy then
	if usedBy == attemptId then return 'again' end
	return 'replayed'
end
local admission = redis.call('HGET', KEYS[8], account)
if not admission or admission == 'done' then return 'no_admission' end
local current = string.match(admission, '^([^|]+)|')
if current ~= tokenId then return 'replayed' end
local claimed = ',' .. (redis.call('HGET', KEYS[6], account) or '') .. ','
for id in string.gmatch(ARGV[4], '[^,]+') do
	if not string.find(claimed, ',' .. id .. ',', 1, true) then return 'not_in_place' end
end
redis.call('HSET', KEYS[11], tokenId, attemptId)
return 'ok'
`;

/**
 * After the worker decided an attempt. ARGV: account, spent token id, outcome, fresh token id,
 * minimum ms left after a refusal. A booking ends the admission; a refusal re-arms it with a
 * new token id so the person can choose another slot. Safe to repeat.
 */
export const SETTLE = `${COMMON}
local account, spent, outcome = ARGV[1], ARGV[2], ARGV[3]
local admission = redis.call('HGET', KEYS[8], account)
if not admission or admission == 'done' then return admission or '' end
local current, expires, sequence = string.match(admission, '^([^|]+)|(%d+)|(%d+)|%d$')
if current ~= spent then return admission end
if outcome == 'booked' then
	redis.call('HSET', KEYS[8], account, 'done')
	if redis.call('ZREM', KEYS[9], account) == 1 then
		local promised = meta_num('promised') - seats_of(account)
		if promised < 0 then promised = 0 end
		redis.call('HSET', KEYS[1], 'promised', promised)
	end
	return 'done'
end
local until_ms = math.max(tonumber(expires), now_ms() + tonumber(ARGV[5]))
local renewed = ARGV[4] .. '|' .. until_ms .. '|' .. sequence .. '|1'
redis.call('HSET', KEYS[8], account, renewed)
redis.call('ZADD', KEYS[9], until_ms, account)
return renewed
`;

/**
 * ARGV: account, the encoded standing choice ('' clears it). Only a place not yet served can
 * change its choice: once admitted, the choice has been used. Returns 1, or 0 if not waiting.
 */
export const CHOOSE = `${COMMON}
if not waiting_place(ARGV[1]) then return 0 end
if ARGV[2] == '' then
	redis.call('HDEL', KEYS[13], ARGV[1])
else
	redis.call('HSET', KEYS[13], ARGV[1], ARGV[2])
end
return 1
`;

/**
 * ARGV: account. The person gives up the place; it is skipped when reached (an early arrival
 * stays in the draw, so the drawn numbers stay dense, and is skipped the same way).
 */
export const LEAVE = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 and redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then
	return 0
end
redis.call('HSET', KEYS[10], ARGV[1], 'left')
return 1
`;

/** Every script by the command name it is called with (ioredis defineCommand). */
export const ROOM_SCRIPTS = {
	wrJoin: JOIN,
	wrStatus: STATUS,
	wrStatusMany: STATUS_MANY,
	wrAdmit: ADMIT,
	wrClaimDraw: CLAIM_DRAW,
	wrWriteDraw: WRITE_DRAW,
	wrFinishDraw: FINISH_DRAW,
	wrSpend: SPEND,
	wrSettle: SETTLE,
	wrLeave: LEAVE,
	wrChoose: CHOOSE
} as const;
