import type { LancarDatabase, LocalReceipt } from './db';

/** A live receipt as the server lists it (payment.receipts). */
export interface ServerReceipt {
	id: string;
	token: string;
	applicationId: string;
	bookingId: string;
	expiresAt: Date | string;
	applicationNumber: string | null;
	applicantName: string;
	officeName: string;
	officeAddress: string;
	timeZone: string;
	date: string;
	startTime: string;
	endTime: string;
	passportType: string;
	service: string;
	letterReady: boolean;
}

export interface ReceiptSource {
	receipts(): Promise<{ receipts: ServerReceipt[]; jwks: { keys: object[] } }>;
	/** The letter PDF from GET /api/bookings/[bookingId]/letter; null while not rendered. */
	letter(bookingId: string): Promise<Blob | null>;
}

/**
 * Brings the device's copies of the account's receipts and letters up to date: a new or
 * replaced receipt is stored at once, its letter as soon as the server has rendered it, and a
 * receipt the server no longer lists (a cancelled booking) is removed. Only a full answer
 * from the server changes anything, so with no signal the device keeps what it has.
 * Returns whether every live receipt now has its letter on the device.
 */
export async function refreshReceipts(
	db: LancarDatabase,
	accountId: string,
	source: ReceiptSource
): Promise<boolean> {
	const { receipts, jwks } = await source.receipts();
	const kept = await db.receipts.where('accountId').equals(accountId).toArray();
	const keptByApplication = new Map(kept.map((receipt) => [receipt.applicationId, receipt]));
	const live = new Set(receipts.map((receipt) => receipt.applicationId));
	const gone = kept.filter((receipt) => !live.has(receipt.applicationId));
	if (gone.length) await db.receipts.bulkDelete(gone.map((receipt) => receipt.applicationId));

	let complete = true;
	for (const receipt of receipts) {
		const previous = keptByApplication.get(receipt.applicationId);
		const sameReceipt = previous?.receiptId === receipt.id;
		const entry: LocalReceipt = {
			applicationId: receipt.applicationId,
			accountId,
			bookingId: receipt.bookingId,
			receiptId: receipt.id,
			token: receipt.token,
			applicantName: receipt.applicantName,
			applicationNumber: receipt.applicationNumber ?? '',
			officeName: receipt.officeName,
			officeAddress: receipt.officeAddress,
			timeZone: receipt.timeZone,
			date: receipt.date,
			startTime: receipt.startTime,
			endTime: receipt.endTime,
			passportType: receipt.passportType,
			service: receipt.service,
			expiresAt: new Date(receipt.expiresAt).getTime(),
			jwks: jwks as LocalReceipt['jwks'],
			// A replaced receipt's letter is the old appointment's: it goes with it.
			letter: sameReceipt ? (previous?.letter ?? null) : null,
			savedAt: sameReceipt ? (previous?.savedAt ?? Date.now()) : Date.now()
		};
		// The receipt first: it must be on the device even if the letter download fails.
		await db.receipts.put(entry);
		if (entry.letter) continue;
		const letter = receipt.letterReady ? await source.letter(receipt.bookingId) : null;
		if (letter) await db.receipts.update(receipt.applicationId, { letter });
		else complete = false;
	}
	return complete;
}
