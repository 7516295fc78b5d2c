import type { BoardState, FloorCall, FloorEvent } from '$lib/domain/office-floor';
import type { BoardMemory } from './board-memory';

export interface ShownCall extends FloorCall {
	at: number;
}

const MAX_BACKOFF_MS = 30_000;
/** The server pings every 15 s; this long without anything means the line is dead. */
const SILENCE_MS = 40_000;
const RECENT_CALLS = 6;

/**
 * A kiosk board's live feed. It keeps only the latest board and a few recent calls, so it can
 * run all day without growing. When the connection drops it keeps showing the last state,
 * reconnects with growing, jittered delays (at once when the browser says it is back online),
 * and asks for the events after the last one it saw.
 */
export class BoardFeed {
	board = $state<BoardState | null>(null);
	recentCalls = $state<ShownCall[]>([]);
	connected = $state(false);
	/** When the board last heard from the server (ms), for "not updated since". */
	heardAt = $state<number | null>(null);

	#url = '';
	#onCall: (call: ShownCall) => void;
	#memory: BoardMemory | null = null;
	#source: EventSource | null = null;
	#lastEventId = '';
	#attempt = 0;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#watchdog: ReturnType<typeof setInterval> | undefined;
	#stopped = false;

	constructor(onCall: (call: ShownCall) => void) {
		this.#onCall = onCall;
	}

	/**
	 * Starts listening to the feed at `url` (the office's board events). With a `memory`, the
	 * board kept on the device from `today` shows first (as not updated since it was last
	 * heard), and every board heard is kept, for a restart with no connection.
	 */
	start(url: string, memory?: { store: BoardMemory; today: string }): void {
		this.#memory = memory?.store ?? null;
		const kept = memory?.store.load(memory.today);
		if (kept && !this.board) {
			this.board = kept.board;
			this.heardAt = kept.heardAt;
		}
		this.#url = url;
		this.#stopped = false;
		window.addEventListener('online', this.#online);
		window.addEventListener('offline', this.#offline);
		this.#watchdog = setInterval(() => {
			if (this.#source && this.heardAt !== null && Date.now() - this.heardAt > SILENCE_MS) {
				this.#drop();
				this.#scheduleReconnect();
			}
		}, 5_000);
		this.#connect();
	}

	stop(): void {
		this.#stopped = true;
		window.removeEventListener('online', this.#online);
		window.removeEventListener('offline', this.#offline);
		clearInterval(this.#watchdog);
		clearTimeout(this.#retryTimer);
		this.#drop();
	}

	#online = () => {
		clearTimeout(this.#retryTimer);
		this.#attempt = 0;
		if (!this.#source) this.#connect();
	};

	#offline = () => {
		this.#drop();
	};

	#connect(): void {
		if (this.#stopped) return;
		const url = this.#lastEventId
			? `${this.#url}?lastEventId=${encodeURIComponent(this.#lastEventId)}`
			: this.#url;
		const source = new EventSource(url);
		this.#source = source;
		source.onopen = () => {
			this.connected = true;
			this.#attempt = 0;
			this.heardAt = Date.now();
		};
		source.addEventListener('floor', (event) => this.#receive(event as MessageEvent<string>));
		source.addEventListener('ping', () => {
			this.heardAt = Date.now();
			this.#remember();
		});
		source.onerror = () => {
			// EventSource would retry on its own, but without our backoff or our resume point.
			this.#drop();
			this.#scheduleReconnect();
		};
	}

	#drop(): void {
		this.#source?.close();
		this.#source = null;
		this.connected = false;
	}

	#scheduleReconnect(): void {
		if (this.#stopped) return;
		clearTimeout(this.#retryTimer);
		// Offline: wait for the browser's `online` event instead of knocking on a closed door.
		if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
		const ceiling = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** this.#attempt);
		this.#attempt += 1;
		this.#retryTimer = setTimeout(
			() => this.#connect(),
			ceiling / 2 + Math.random() * (ceiling / 2)
		);
	}

	#remember(): void {
		if (this.board && this.heardAt !== null) {
			this.#memory?.save({ board: this.board, heardAt: this.heardAt });
		}
	}

	#receive(event: MessageEvent<string>): void {
		this.heardAt = Date.now();
		if (event.lastEventId) this.#lastEventId = event.lastEventId;
		const data = JSON.parse(event.data) as FloorEvent;
		const current = this.board;
		// Board states are numbered; one that arrives late never overwrites a newer one.
		if (!current || data.board.version === 0 || data.board.version >= current.version) {
			this.board = data.board;
		}
		this.#remember();
		if (data.call) {
			const shown = { ...data.call, at: Date.now() };
			this.recentCalls = [shown, ...this.recentCalls].slice(0, RECENT_CALLS);
			this.#onCall(shown);
		}
	}
}
