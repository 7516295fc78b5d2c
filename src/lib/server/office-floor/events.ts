import { redis, redisKey } from '../redis';
import type { FloorEvent } from '../../domain/office-floor';

export type { FloorCall, FloorEvent } from '../../domain/office-floor';

/** Enough history for a board that lost its connection for a while to catch up. */
const EVENT_LOG_LENGTH = 200;

export function floorEventLogKey(officeId: string): string {
	return redisKey('floor', `{${officeId}}`, 'events');
}

export function floorChannel(officeId: string): string {
	return redisKey('floor', 'live', officeId);
}

// The log entry and the live message are written by one script, so a board that reads the log
// and then listens never sees them in different orders.
const APPEND_AND_PUBLISH = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('PUBLISH', ARGV[3], id .. '\\n' .. ARGV[2])
return id
`;

export async function publishFloorEvent(officeId: string, event: FloorEvent): Promise<string> {
	const id = await redis().eval(
		APPEND_AND_PUBLISH,
		1,
		floorEventLogKey(officeId),
		String(EVENT_LOG_LENGTH),
		JSON.stringify(event),
		floorChannel(officeId)
	);
	return String(id);
}

/** A live message as published: "<stream id>\n<event JSON>". */
export function splitLiveMessage(message: string): { id: string; data: string } {
	const newline = message.indexOf('\n');
	return { id: message.slice(0, newline), data: message.slice(newline + 1) };
}

export interface LoggedEvent {
	id: string;
	data: string;
}

/**
 * Events after `lastId`, oldest first; null when the log no longer reaches back that far
 * (the board then starts again from the current state).
 */
export async function eventsAfter(officeId: string, lastId: string): Promise<LoggedEvent[] | null> {
	const key = floorEventLogKey(officeId);
	// Only exact continuity will do: the board's last event must still be in the log.
	const seen = (await redis().xrange(key, lastId, lastId)) as [string, string[]][];
	if (seen.length === 0) return null;
	const entries = (await redis().xrange(key, `(${lastId}`, '+')) as [string, string[]][];
	return entries.map(([id, fields]) => ({ id, data: fields[1] ?? '{}' }));
}

export async function latestEvent(officeId: string): Promise<LoggedEvent | null> {
	const [entry] = (await redis().xrevrange(floorEventLogKey(officeId), '+', '-', 'COUNT', 1)) as [
		string,
		string[]
	][];
	return entry ? { id: entry[0], data: entry[1][1] ?? '{}' } : null;
}

export function isStreamId(value: string): boolean {
	return /^\d{1,15}-\d{1,10}$/.test(value);
}

export function compareStreamIds(a: string, b: string): number {
	const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
	const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
	if (aMs !== bMs) return aMs < bMs ? -1 : 1;
	if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
	return 0;
}
