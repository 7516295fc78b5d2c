import { readRoomMany, type RoomSnapshot } from './room';

/**
 * Live streams of one room read their places together: reads asked for within BATCH_MS share
 * one Redis call. At an opening every early arrival's stream reads at once; this turns
 * thousands of round trips into a handful.
 */
const BATCH_MS = 20;
const MAX_PER_CALL = 500;

interface Waiter {
	resolve(snapshot: RoomSnapshot): void;
	reject(error: unknown): void;
}

const batches = new Map<string, Map<string, Waiter[]>>();

export function batchedRead(releaseId: string, accountId: string): Promise<RoomSnapshot> {
	let batch = batches.get(releaseId);
	if (!batch) {
		batch = new Map();
		batches.set(releaseId, batch);
		setTimeout(() => void flush(releaseId), BATCH_MS);
	}
	const waiters = batch.get(accountId) ?? [];
	batch.set(accountId, waiters);
	return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}

async function flush(releaseId: string) {
	const batch = batches.get(releaseId);
	batches.delete(releaseId);
	if (!batch) return;
	const accounts = [...batch.keys()];
	for (let start = 0; start < accounts.length; start += MAX_PER_CALL) {
		const chunk = accounts.slice(start, start + MAX_PER_CALL);
		try {
			const snapshots = await readRoomMany(releaseId, chunk);
			chunk.forEach((account, index) => {
				for (const waiter of batch.get(account) ?? []) waiter.resolve(snapshots[index]!);
			});
		} catch (error) {
			for (const account of chunk)
				for (const waiter of batch.get(account) ?? []) waiter.reject(error);
		}
	}
}
