import { randomInt } from 'node:crypto';
import { measuredRate, shuffle, type RoomTick } from '../../domain/waiting-room';
import { config } from '../config';
import { db } from '../db';
import { logger } from '../logger';
import { publish } from '../pubsub';
import { redis } from '../redis';
import { releaseInfo, remainingSeats } from '../booking/releases';
import { officeLocalDate } from '../../domain/office-time';
import { roomChannel, roomKeys, roomsKey, tickLockKey } from './keys';
import { admitStep, claimDraw, writeDraw } from './room';
import { freshAttemptIds, queueMadeAttempts } from './made-attempts';
import { newTokenId } from './tokens';

const SAMPLE_EVERY_MS = 1_000;
const SAMPLES_KEPT = 20;
const PUBLISH_AT_LEAST_EVERY_MS = 5_000;
/** Counters move on every tick; live streams need them at most this often. */
const PUBLISH_AT_MOST_EVERY_MS = 500;

interface Published {
	key: string;
	at: number;
	tick: RoomTick;
}

/**
 * Admits people from every room at its rate. Any number of processes may run this: a short
 * lock lets one of them tick a room per interval, and the admission script itself reads the
 * time from Redis and keeps the rate, so even overlapping ticks cannot admit too many.
 */
export function startAdmitter(): { close(): Promise<void> } {
	const tickMs = config().WAITING_ROOM_TICK_MS;
	const published = new Map<string, Published>();
	let stopped = false;
	let running: Promise<void> = Promise.resolve();
	let timer: NodeJS.Timeout | undefined;

	async function tickAll() {
		const rooms = await redis().smembers(roomsKey());
		await Promise.all(
			rooms.map((releaseId) =>
				tickRoom(releaseId, tickMs, published).catch((error) =>
					logger().warn({ err: error, releaseId }, 'waiting room tick failed')
				)
			)
		);
	}

	function schedule() {
		if (stopped) return;
		timer = setTimeout(() => {
			running = tickAll()
				.catch((error) => logger().warn({ err: error }, 'waiting room ticks failed'))
				.finally(schedule);
		}, tickMs);
	}
	schedule();

	return {
		async close() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}

export async function tickRoom(
	releaseId: string,
	tickMs: number,
	published: Map<string, Published> = new Map()
): Promise<void> {
	const lock = await redis().set(tickLockKey(releaseId), '1', 'PX', Math.max(10, tickMs - 5), 'NX');
	if (lock !== 'OK') return;
	const database = await db();
	const release = await releaseInfo(database, releaseId);
	const metaKey = roomKeys(releaseId)[0]!;
	if (!release || release.lastDate < officeLocalDate(new Date(), release.timeZone)) {
		// The release is over: nobody can book it any more, so the room goes.
		await redis().srem(roomsKey(), releaseId);
		await redis().del(...roomKeys(releaseId));
		return;
	}
	const [phase, serving, preCount, postSeq, promised, rate, lastSampleAt] = await redis().hmget(
		metaKey,
		'phase',
		'serving',
		'preCount',
		'postSeq',
		'promised',
		'rate',
		'lastSampleAt'
	);
	if (!phase) return;
	if (phase === 'drawing') await drawRoom(releaseId);

	const lastTicket = Number(preCount ?? 0) + Number(postSeq ?? 0);
	const busy = Number(serving ?? 0) < lastTicket || Number(promised ?? 0) > 0;
	const remaining = busy || phase !== 'pre' ? await remainingSeats(database, releaseId) : -1;
	const perTick = Number(rate ?? 0) * (tickMs / 1000);
	const tokenIds = Array.from({ length: Math.min(Math.ceil(perTick * 2) + 2, 5_000) }, newTokenId);
	const result = await admitStep(releaseId, remaining, tokenIds, freshAttemptIds(tokenIds.length));
	await queueMadeAttempts(release);

	const now = Date.now();
	if (now - Number(lastSampleAt ?? 0) >= SAMPLE_EVERY_MS) {
		await recordSample(releaseId, now, result.admittedTotal);
	}
	const meta = await redis().hmget(metaKey, 'paused', 'mrate');
	const tick: RoomTick = {
		phase: result.phase as RoomTick['phase'],
		serving: result.serving,
		lastTicket: result.lastTicket,
		soldOut: remaining === 0,
		paused: meta[0] === '1',
		measuredRate: meta[1] ? Number(meta[1]) : null,
		at: now
	};
	const key = JSON.stringify({ ...tick, at: 0 });
	const last = published.get(releaseId);
	const urgent =
		!last ||
		last.tick.phase !== tick.phase ||
		last.tick.soldOut !== tick.soldOut ||
		last.tick.paused !== tick.paused;
	const due =
		(last && last.key !== key && now - last.at >= PUBLISH_AT_MOST_EVERY_MS) ||
		(last && now - last.at >= PUBLISH_AT_LEAST_EVERY_MS);
	if (urgent || due) {
		published.set(releaseId, { key, at: now, tick });
		await publish(roomChannel(releaseId), JSON.stringify(tick));
	}
}

/** Keeps the last seconds of admission totals and the rate they show. */
async function recordSample(releaseId: string, now: number, admittedTotal: number) {
	const [metaKey, , , , , , , , , , , samplesKey] = roomKeys(releaseId);
	const results = await redis()
		.multi()
		.lpush(samplesKey!, `${now}:${admittedTotal}`)
		.ltrim(samplesKey!, 0, SAMPLES_KEPT - 1)
		.lrange(samplesKey!, 0, SAMPLES_KEPT - 1)
		.exec();
	const raw = (results?.[2]?.[1] as string[] | undefined) ?? [];
	const samples = raw
		.map((entry) => {
			const [at, admitted] = entry.split(':');
			return { at: Number(at), admitted: Number(admitted) };
		})
		.reverse();
	const rate = measuredRate(samples);
	await redis().hset(metaKey!, 'lastSampleAt', now, 'mrate', rate === null ? '' : rate.toFixed(3));
}

/**
 * Draws the early arrivals into a random order with a cryptographic Fisher–Yates shuffle.
 * If this process dies halfway, the lock lapses and another draws again from scratch; nobody
 * is admitted before the draw is complete.
 */
export async function drawRoom(releaseId: string): Promise<boolean> {
	const lockToken = newTokenId();
	const early = await claimDraw(releaseId, lockToken, 15_000);
	if (!early) return false;
	const order = shuffle(early, (n) => randomInt(n));
	const done = await writeDraw(releaseId, lockToken, order);
	logger().info({ releaseId, early: early.length, done }, 'waiting room draw');
	return done;
}
