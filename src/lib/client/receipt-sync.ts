import { trpc } from '../trpc';
import { localDb } from './db';
import { refreshReceipts, type ReceiptSource } from './receipts';

const browserSource: ReceiptSource = {
	receipts: () => trpc.payment.receipts.query(),
	async letter(bookingId) {
		const response = await fetch(`/api/bookings/${bookingId}/letter`, {
			credentials: 'same-origin'
		});
		if (response.status === 409 || response.status === 404) return null;
		if (!response.ok) throw new Error(`letter download failed: ${response.status}`);
		return response.blob();
	}
};

/** Whether the account has anything that can have a receipt, judged from the device alone. */
async function mayHaveReceipts(accountId: string): Promise<boolean> {
	const db = localDb();
	const [kept, applications] = await Promise.all([
		db.receipts.where('accountId').equals(accountId).count(),
		db.applications.where('accountId').equals(accountId).toArray()
	]);
	return (
		kept > 0 || applications.some((application) => ['booked', 'paid'].includes(application.status))
	);
}

/** After a sync round: keep the device's receipts current, only for accounts that may have one. */
export async function syncReceipts(accountId: string, force = false): Promise<boolean> {
	if (!force && !(await mayHaveReceipts(accountId))) return true;
	return refreshReceipts(localDb(), accountId, browserSource);
}

/**
 * Right after a payment: asks until the receipt and its letter are both on the device (the
 * letter is rendered by a worker a moment after the payment).
 */
export async function saveReceiptsSoon(accountId: string, attempts = 20): Promise<void> {
	for (let attempt = 0; attempt < attempts; attempt++) {
		try {
			if (await syncReceipts(accountId, true)) return;
		} catch {
			// No signal or a hiccup: try again below.
		}
		await new Promise((resolve) => setTimeout(resolve, 1_500));
	}
}
