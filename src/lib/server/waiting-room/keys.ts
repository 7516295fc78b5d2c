import { redisKey } from '../redis';

/**
 * The Redis keys of one room (one quota release). They share a hash tag, so on Redis Cluster a
 * room's Lua scripts run on one node. Every script receives them in this order.
 */
export const ROOM_KEY_NAMES = [
	'meta', // hash: phase, opensAt, counters (preCount, postSeq, serving), rate, paused, seats
	'pre', // set: accounts that arrived before the opening, drawn into random order at it
	'ticket', // hash: account → ticket number
	'holder', // hash: ticket number → account
	'seen', // hash: account → last time its browser checked in (ms)
	'apps', // hash: account → the application ids it queues for, comma separated
	'nik', // hash: NIK → account holding the place, so one person is in one place
	'admitted', // hash: account → "tokenId|expiresAtMs|sequence|seen" while admitted, "done" once booked
	'active', // sorted set: admitted account → admission expiry (ms), to lapse unused ones
	'gone', // hash: account → why its place ended (abandoned, lapsed, left)
	'used', // hash: token id → the booking attempt that spent it
	'samples', // list: "ms:admittedTotal", newest first, to measure the admission rate
	'choice', // hash: account → standing choice "<anySlot 0|1>:<slot ids>", then "@<attempt>|<number>"
	'auto' // list: attempts made at admission from a choice, until the admitter has queued them
] as const;

export type RoomKeyName = (typeof ROOM_KEY_NAMES)[number];

export function roomKeys(releaseId: string): string[] {
	const base = redisKey('wr', `{${releaseId}}`);
	return ROOM_KEY_NAMES.map((name) => `${base}:${name}`);
}

/** Every room with people in it or about to open; the admitter ticks these. */
export function roomsKey(): string {
	return redisKey('wr', 'rooms');
}

/** Lets one process tick a room per interval, however many run the admitter. */
export function tickLockKey(releaseId: string): string {
	return redisKey('wr', `{${releaseId}}`, 'tick-lock');
}

/** Pub/sub channel carrying a room's ticks to the web processes' live streams. */
export function roomChannel(releaseId: string): string {
	return redisKey('wr', 'live', releaseId);
}
