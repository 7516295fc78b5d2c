import {
	advanceView,
	tickNeedsRead,
	type RoomTick,
	type RoomView
} from '../../domain/waiting-room';
import { config } from '../config';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { subscribe } from '../pubsub';
import { roomChannel } from './keys';
import { liveRoomStatus } from './service';

const MIN_EVENT_GAP_MS = 1_000;
const MAX_EVENT_GAP_MS = 10_000;

// Every stream of a room receives the same tick message: parse it once per process.
let lastMessage = '';
let lastTick: RoomTick | undefined;
function parseTick(message: string): RoomTick {
	if (message !== lastMessage || !lastTick) {
		lastTick = JSON.parse(message) as RoomTick;
		lastMessage = message;
	}
	return lastTick;
}
const HEARTBEAT_MS = 15_000;
/** A live stream checks in for its person this often, so an open page never loses its place. */
const CHECK_IN_MS = 30_000;
const OPENING_SPREAD_MS = 1_500;

/**
 * A person's live view of a room as server-sent events. The room's ticks arrive through Redis
 * pub/sub; most of them only move the counters, and the view is advanced without asking Redis.
 * Only when the person's own state may have changed (their number came up, the room opened)
 * is their place read again. Events are sent at most once a second.
 */
export function liveRoomStream(
	db: Db,
	accountId: string,
	releaseId: string,
	signal: AbortSignal
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const budget = config().WAITING_ROOM_STATUS_BUDGET;
	let view: RoomView | undefined;
	let lastSentAt = 0;
	let lastSentKey = '';
	let lastSent: RoomView | undefined;
	let flushTimer: NodeJS.Timeout | undefined;
	let refreshing: Promise<void> | undefined;
	let closed = false;
	const cleanups: (() => void)[] = [];

	return new ReadableStream<Uint8Array>({
		async start(controller) {
			const write = (text: string) => {
				if (closed) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					close();
				}
			};
			const flush = () => {
				flushTimer = undefined;
				if (!view) return;
				const key = JSON.stringify({ ...view, serverNow: 0, pollAfterMs: 0 });
				if (key === lastSentKey) return;
				lastSentKey = key;
				lastSentAt = Date.now();
				lastSent = view;
				write(`event: status\ndata: ${JSON.stringify(view)}\n\n`);
			};
			const show = (next: RoomView, changedPlace: boolean) => {
				view = next;
				// A new state is told at once; moving counters as often as the person's poll
				// would be, so the far back of a long line costs little.
				const urgent =
					changedPlace || next.soldOut !== lastSent?.soldOut || next.paused !== lastSent?.paused;
				const gap = Math.min(Math.max(next.pollAfterMs / 2, MIN_EVENT_GAP_MS), MAX_EVENT_GAP_MS);
				const wait = gap - (Date.now() - lastSentAt);
				if (urgent || wait <= 0) {
					clearTimeout(flushTimer);
					flush();
				} else {
					flushTimer ??= setTimeout(flush, wait);
				}
			};
			const refresh = () => {
				refreshing ??= liveRoomStatus(db, accountId, releaseId)
					.then((next) => show(next, next.place !== view?.place))
					.catch((error) => logger().warn({ err: error, releaseId }, 'live status failed'))
					.finally(() => (refreshing = undefined));
				return refreshing;
			};
			function close() {
				if (closed) return;
				closed = true;
				clearTimeout(flushTimer);
				for (const cleanup of cleanups) cleanup();
				try {
					controller.close();
				} catch {
					// Already closed by the client going away.
				}
			}

			signal.addEventListener('abort', close, { once: true });
			write(`retry: 3000\n\n`);
			await refresh();
			const unsubscribe = await subscribe(roomChannel(releaseId), (message) => {
				const tick = parseTick(message);
				if (!view) return;
				if (tickNeedsRead(view, tick)) {
					// At the opening every early arrival needs a read at once: spread them a little.
					const spread = view.place === 'waiting' ? 0 : Math.random() * OPENING_SPREAD_MS;
					setTimeout(() => void refresh(), spread);
					return;
				}
				const next = advanceView(view, tick, budget);
				if (next) show(next, false);
			});
			cleanups.push(unsubscribe);
			const heartbeat = setInterval(() => write(`: ping\n\n`), HEARTBEAT_MS);
			const checkIn = setInterval(() => void refresh(), CHECK_IN_MS + Math.random() * 5_000);
			cleanups.push(
				() => clearInterval(heartbeat),
				() => clearInterval(checkIn)
			);
			if (closed) for (const cleanup of cleanups) cleanup();
		},
		cancel() {
			closed = true;
			clearTimeout(flushTimer);
			for (const cleanup of cleanups) cleanup();
		}
	});
}
