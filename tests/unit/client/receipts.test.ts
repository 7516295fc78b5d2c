import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LancarDatabase } from '../../../src/lib/client/db';
import {
	refreshReceipts,
	type ReceiptSource,
	type ServerReceipt
} from '../../../src/lib/client/receipts';

function serverReceipt(overrides: Partial<ServerReceipt> = {}): ServerReceipt {
	return {
		id: randomUUID(),
		token: 'header.payload.signature',
		applicationId: randomUUID(),
		bookingId: randomUUID(),
		expiresAt: new Date('2026-12-01T15:00:00Z'),
		applicationNumber: 'LNC-1',
		applicantName: 'Yohana Wenda',
		officeName: 'Kantor Imigrasi Kelas I TPI Jayapura',
		officeAddress: 'Jl. Percetakan Negara No. 15',
		timeZone: 'Asia/Jayapura',
		date: '2026-12-01',
		startTime: '09:00',
		endTime: '10:00',
		passportType: 'elektronik',
		service: 'reguler',
		letterReady: false,
		...overrides
	};
}

/** A server that lists `receipts` and counts letter downloads. */
function source(receipts: ServerReceipt[]) {
	const downloads: string[] = [];
	const value: ReceiptSource = {
		receipts: async () => ({ receipts, jwks: { keys: [{ kid: 'k1' }] } }),
		letter: async (bookingId) => {
			downloads.push(bookingId);
			return new Blob(['%PDF-1.7'], { type: 'application/pdf' });
		}
	};
	return { value, downloads };
}

describe('receipts on the device', () => {
	it('stores a receipt at once and its letter when ready, downloading the letter once', async () => {
		const db = new LancarDatabase(`receipts-${randomUUID()}`);
		const account = randomUUID();
		const pending = serverReceipt();
		expect(await refreshReceipts(db, account, source([pending]).value)).toBe(false);
		expect((await db.receipts.get(pending.applicationId))?.letter).toBeNull();

		const ready = source([{ ...pending, letterReady: true }]);
		expect(await refreshReceipts(db, account, ready.value)).toBe(true);
		expect(await refreshReceipts(db, account, ready.value)).toBe(true);
		expect(ready.downloads).toEqual([pending.bookingId]);
		const kept = await db.receipts.get(pending.applicationId);
		expect(kept).toMatchObject({ token: pending.token, jwks: { keys: [{ kid: 'k1' }] } });
		expect(kept?.letter?.size).toBe(8);
	});

	it('replaces a rescheduled receipt and its letter, and drops one the server no longer lists', async () => {
		const db = new LancarDatabase(`receipts-${randomUUID()}`);
		const account = randomUUID();
		const first = serverReceipt({ letterReady: true });
		const other = serverReceipt({ letterReady: true });
		await refreshReceipts(db, account, source([first, other]).value);
		const rescheduled = serverReceipt({
			applicationId: first.applicationId,
			date: '2026-12-03',
			letterReady: false
		});
		await refreshReceipts(db, account, source([rescheduled]).value);
		const kept = await db.receipts.where('accountId').equals(account).toArray();
		expect(kept).toHaveLength(1);
		expect(kept[0]).toMatchObject({ receiptId: rescheduled.id, date: '2026-12-03', letter: null });
	});

	it('keeps what it has when the server cannot be reached', async () => {
		const db = new LancarDatabase(`receipts-${randomUUID()}`);
		const account = randomUUID();
		const stored = serverReceipt({ letterReady: true });
		await refreshReceipts(db, account, source([stored]).value);
		const offline: ReceiptSource = {
			receipts: () => Promise.reject(new TypeError('Failed to fetch')),
			letter: () => Promise.reject(new TypeError('Failed to fetch'))
		};
		await expect(refreshReceipts(db, account, offline)).rejects.toThrow(TypeError);
		expect(await db.receipts.get(stored.applicationId)).toBeDefined();
	});
});
