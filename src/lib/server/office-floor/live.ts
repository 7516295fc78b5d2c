import { officeLocalDate } from '../../domain/office-time';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { subscribe } from '../pubsub';
import { boardState } from './board';
import {
	compareStreamIds,
	eventsAfter,
	floorChannel,
	isStreamId,
	latestEvent,
	splitLiveMessage,
	type LoggedEvent
} from './events';

const HEARTBEAT_MS = 15_000;
const MAX_UNREAD_EVENTS = 256;
const encoder = new TextEncoder();

function frame(event: { id?: string; data: string }): Uint8Array {
	const id = event.id ? `id: ${event.id}\n` : '';
	return encoder.encode(`${id}event: floor\ndata: ${event.data}\n\n`);
}

// Every board of an office receives the same message: encode it once per process, not per board.
let lastMessage = '';
let lastFrame: { id: string; bytes: Uint8Array } | undefined;
function liveFrame(message: string): { id: string; bytes: Uint8Array } {
	if (message !== lastMessage || !lastFrame) {
		const event = splitLiveMessage(message);
		lastFrame = { id: event.id, bytes: frame(event) };
		lastMessage = message;
	}
	return lastFrame;
}

/** Where a board starts: what it missed since its last event, or the current state. */
async function startingEvents(
	db: Db,
	office: { id: string; timeZone: string },
	lastEventId: string | null
): Promise<LoggedEvent[]> {
	if (lastEventId && isStreamId(lastEventId)) {
		const missed = await eventsAfter(office.id, lastEventId);
		if (missed) return missed;
	}
	const latest = await latestEvent(office.id);
	if (latest) return [latest];
	// Nothing happened on this floor yet (or Redis forgot): the state from the database, unnumbered.
	const today = officeLocalDate(new Date(), office.timeZone);
	const board = await boardState(db, { officeId: office.id, today, boardVersion: 0 });
	return [{ id: '', data: JSON.stringify({ board, call: null }) }];
}

/**
 * A kiosk board's live feed as server-sent events. Listening starts before the log is read,
 * so nothing falls between them; events the board already has are not sent twice. A board's
 * unread queue is bounded (a stalled board is disconnected), so memory does not grow over a day.
 */
export function kioskStream(
	db: Db,
	office: { id: string; timeZone: string },
	lastEventId: string | null,
	signal: AbortSignal
): ReadableStream<Uint8Array> {
	let closed = false;
	const cleanups: (() => void)[] = [];
	const cleanUp = () => {
		closed = true;
		for (const cleanup of cleanups.splice(0)) cleanup();
	};

	return new ReadableStream<Uint8Array>({
		async start(controller) {
			let lastSentId = lastEventId && isStreamId(lastEventId) ? lastEventId : '';
			let pending: string[] | null = [];
			const write = (bytes: Uint8Array) => {
				if (closed) return;
				// A board that stopped reading would make its queue grow all day: cut it off
				// instead; when it reads again it reconnects and resumes from its last event.
				if ((controller.desiredSize ?? 0) < -MAX_UNREAD_EVENTS) {
					cleanUp();
					try {
						controller.close();
					} catch {
						// Already closed.
					}
					return;
				}
				try {
					controller.enqueue(bytes);
				} catch {
					cleanUp();
				}
			};
			const sendLive = (message: string) => {
				const live = liveFrame(message);
				if (lastSentId && compareStreamIds(live.id, lastSentId) <= 0) return;
				lastSentId = live.id;
				write(live.bytes);
			};
			signal.addEventListener('abort', () => {
				cleanUp();
				try {
					controller.close();
				} catch {
					// The client already went away.
				}
			});
			write(encoder.encode('retry: 2000\n\n'));
			const unsubscribe = await subscribe(floorChannel(office.id), (message) => {
				if (pending) pending.push(message);
				else sendLive(message);
			});
			cleanups.push(unsubscribe);
			try {
				for (const event of await startingEvents(db, office, lastEventId)) {
					if (event.id && lastSentId && compareStreamIds(event.id, lastSentId) <= 0) continue;
					if (event.id) lastSentId = event.id;
					write(frame(event));
				}
			} catch (error) {
				logger().warn({ err: error, officeId: office.id }, 'kiosk board could not start');
			}
			const held = pending;
			pending = null;
			for (const message of held) sendLive(message);
			const heartbeat = setInterval(
				() => write(encoder.encode(`event: ping\ndata: ${Date.now()}\n\n`)),
				HEARTBEAT_MS
			);
			cleanups.push(() => clearInterval(heartbeat));
			if (closed) cleanUp();
		},
		cancel() {
			cleanUp();
		}
	});
}
