/**
 * What a hall board keeps on its own device, so that a kiosk browser restarted while the
 * connection is down still shows the last numbers it saw, marked "not updated since":
 * the last board state (localStorage: small, and read before the first paint) and the board
 * page itself (the Cache Storage copy the service worker answers with when offline).
 */
import { KIOSK_PAGE_CACHE } from '../../cache-policy';
import type { BoardState } from '../../domain/office-floor';

export interface KeptBoard {
	board: BoardState;
	/** When the board last heard from the server (ms). */
	heardAt: number;
}

const key = (officeCode: string) => `lancar.kiosk-board.${officeCode}`;

/**
 * The kept board if it is still today's: yesterday's numbers on this morning's screen would
 * send people to the wrong counter, so an old board is no board.
 */
export function keptBoardFor(raw: string | null, today: string): KeptBoard | null {
	if (!raw) return null;
	try {
		const kept = JSON.parse(raw) as Partial<KeptBoard>;
		if (!kept.board || typeof kept.heardAt !== 'number') return null;
		if (kept.board.date !== today || !Array.isArray(kept.board.serving)) return null;
		return { board: kept.board, heardAt: kept.heardAt };
	} catch {
		return null;
	}
}

export class BoardMemory {
	#officeCode: string;

	constructor(officeCode: string) {
		this.#officeCode = officeCode;
	}

	load(today: string): KeptBoard | null {
		try {
			return keptBoardFor(localStorage.getItem(key(this.#officeCode)), today);
		} catch {
			return null;
		}
	}

	save(kept: KeptBoard): void {
		try {
			localStorage.setItem(key(this.#officeCode), JSON.stringify(kept));
		} catch {
			// Storage full or blocked: the board still runs, it just cannot restart offline.
		}
	}
}

/**
 * Stores this board's page for the service worker to open offline. Fetched afresh while
 * online (once per page load), so a changed app or office name reaches the kept copy.
 */
export async function keepBoardPage(path: string): Promise<void> {
	if (typeof caches === 'undefined') return;
	try {
		// Without cookies: the kept copy is the anonymous board, never a signed-in page.
		const response = await fetch(path, {
			headers: { accept: 'text/html' },
			cache: 'no-store',
			credentials: 'omit'
		});
		if (!response.ok) return;
		await (await caches.open(KIOSK_PAGE_CACHE)).put(path, response);
	} catch {
		// Offline or storage refused: the copy from last time stays.
	}
}
