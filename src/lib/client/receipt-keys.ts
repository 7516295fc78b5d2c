import type { JSONWebKeySet } from 'jose';
import { RECEIPT_SIGNATURE_REFUSALS } from '../receipts/refusal';
import { verifyReceipt } from '../receipts/verify';

/** Where an office device keeps the published receipt keys, so scanning works offline. */
const STORAGE_KEY = 'lancar.receipt-jwks';

export type DeviceCheck =
	| { kind: 'valid' }
	/** No keys on this device yet and none to fetch: only the server can judge. */
	| { kind: 'no_keys' }
	| { kind: 'refused'; key: string };

function storedKeys(): JSONWebKeySet | null {
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		const parsed = raw ? (JSON.parse(raw) as JSONWebKeySet) : null;
		return parsed && Array.isArray(parsed.keys) ? parsed : null;
	} catch {
		return null;
	}
}

/** Fetches the published keys and keeps them; with no connection the stored set stays. */
export async function refreshReceiptKeys(): Promise<JSONWebKeySet | null> {
	try {
		const response = await fetch('/.well-known/jwks.json', { cache: 'no-cache' });
		if (!response.ok) return storedKeys();
		const jwks = (await response.json()) as JSONWebKeySet;
		if (!Array.isArray(jwks.keys)) return storedKeys();
		localStorage.setItem(STORAGE_KEY, JSON.stringify(jwks));
		return jwks;
	} catch {
		return storedKeys();
	}
}

/**
 * The device's own check of a receipt before the server is asked: signature and expiry
 * against the stored keys, with the same verifier and refusal keys as the server. A key this
 * device has not seen yet may be a fresh rotation, so the keys are fetched once more before
 * the receipt is called foreign.
 */
export async function checkReceiptOnDevice(token: string): Promise<DeviceCheck> {
	let jwks = storedKeys() ?? (await refreshReceiptKeys());
	if (!jwks || jwks.keys.length === 0) return { kind: 'no_keys' };
	let verdict = await verifyReceipt(token, jwks);
	if (!verdict.valid && verdict.reason === 'unknown_key') {
		jwks = await refreshReceiptKeys();
		if (jwks) verdict = await verifyReceipt(token, jwks);
	}
	if (verdict.valid) return { kind: 'valid' };
	return { kind: 'refused', key: RECEIPT_SIGNATURE_REFUSALS[verdict.reason] };
}
