import { TRPCClientError } from '@trpc/client';
import { trpc } from '../../trpc';
import { localDb } from '../db';
import { SyncEngine, SyncFailed, type SyncFailure, type SyncTransport } from './engine';
import { nextRetryDelay } from './backoff';
import { syncReceipts } from '../receipt-sync';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'signed_out' | 'error';

/** What the sync indicator shows; updated by the service, read by components. */
export const syncStatus = $state({
	phase: 'idle' as SyncPhase,
	lastSyncedAt: null as number | null,
	nextRetryAt: null as number | null,
	online: typeof navigator === 'undefined' ? true : navigator.onLine
});

const trpcTransport: SyncTransport = {
	push: (mutations) => trpc.sync.push.mutate({ mutations }),
	pull: () => trpc.sync.pull.query()
};

function classify(error: unknown): SyncFailure {
	if (error instanceof SyncFailed) return error.reason;
	if (error instanceof TRPCClientError) {
		const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
		if (status === 401 || status === 403) return 'signed_out';
		if (status === undefined) return 'offline';
		return 'server';
	}
	// fetch() rejects with a TypeError when there is no network at all.
	return 'offline';
}

const PERIODIC_MS = 60_000;
const EDIT_DEBOUNCE_MS = 800;

let engine: SyncEngine | null = null;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;
let again = false;
const cleanups: (() => void)[] = [];

function lastSyncedKey(accountId: string) {
	return `lastSyncedAt:${accountId}`;
}

function schedule(delayMs: number) {
	clearTimeout(timer);
	syncStatus.nextRetryAt = delayMs > PERIODIC_MS - 1 ? null : Date.now() + delayMs;
	timer = setTimeout(() => void syncNow(), delayMs);
}

async function runRound(current: SyncEngine): Promise<void> {
	syncStatus.phase = 'syncing';
	try {
		await current.round();
		failures = 0;
		const now = Date.now();
		syncStatus.lastSyncedAt = now;
		syncStatus.phase = 'idle';
		syncStatus.nextRetryAt = null;
		await localDb().meta.put({ key: lastSyncedKey(current.accountId), value: now });
		schedule(PERIODIC_MS);
		// Receipts and letters ride on the same rounds; a failure here is retried next round.
		void syncReceipts(current.accountId).catch(() => {});
	} catch (error) {
		const reason = classify(error);
		syncStatus.phase = reason === 'server' ? 'error' : reason;
		if (reason === 'signed_out') return;
		failures += 1;
		schedule(nextRetryDelay(failures));
	}
}

/**
 * Runs a round now (or right after the one in progress). Tabs of one browser take turns through
 * a Web Lock where there is one, so two tabs never send the same outbox at once.
 */
export function syncNow(): Promise<void> {
	const current = engine;
	if (!current) return Promise.resolve();
	if (running) {
		again = true;
		return running;
	}
	const locked = () =>
		typeof navigator !== 'undefined' && navigator.locks
			? navigator.locks.request(`lancar-sync-${current.accountId}`, () => runRound(current))
			: runRound(current);
	running = locked().finally(() => {
		running = null;
		if (again) {
			again = false;
			void syncNow();
		}
	});
	return running;
}

/** After an edit: wait for typing to pause, then send. */
export function syncSoon(): void {
	if (!engine || syncStatus.phase === 'signed_out') return;
	if (failures > 0 && syncStatus.nextRetryAt && syncStatus.nextRetryAt > Date.now()) return;
	schedule(EDIT_DEBOUNCE_MS);
}

export async function startSync(accountId: string): Promise<void> {
	if (engine?.accountId === accountId) return;
	stopSync();
	engine = new SyncEngine(localDb(), trpcTransport, accountId);
	const stored = await localDb().meta.get(lastSyncedKey(accountId));
	syncStatus.lastSyncedAt = typeof stored?.value === 'number' ? stored.value : null;
	const online = () => {
		syncStatus.online = true;
		failures = 0;
		void syncNow();
	};
	const offline = () => {
		syncStatus.online = false;
		syncStatus.phase = 'offline';
	};
	const visible = () => {
		if (document.visibilityState === 'visible') void syncNow();
	};
	window.addEventListener('online', online);
	window.addEventListener('offline', offline);
	document.addEventListener('visibilitychange', visible);
	cleanups.push(
		() => window.removeEventListener('online', online),
		() => window.removeEventListener('offline', offline),
		() => document.removeEventListener('visibilitychange', visible)
	);
	void syncNow();
}

export function stopSync(): void {
	clearTimeout(timer);
	for (const cleanup of cleanups.splice(0)) cleanup();
	engine = null;
	failures = 0;
	syncStatus.phase = 'idle';
}
