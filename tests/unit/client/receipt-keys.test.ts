import { exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkReceiptOnDevice, refreshReceiptKeys } from '../../../src/lib/client/receipt-keys';
import type { ReceiptClaims } from '../../../src/lib/receipts/claims';
import { signReceipt } from '../../../src/lib/server/receipts/sign';

async function key(kid: string) {
	const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
	return { kid, privateKey, jwk };
}

const now = Math.floor(Date.now() / 1000);
const claims = (overrides: Partial<ReceiptClaims> = {}): ReceiptClaims => ({
	v: 1,
	jti: 'q7Hk2mX9pLw3',
	app: 'LNC-261125-7K3QPM',
	nm: 'Yohana Wenda',
	of: 'DJJ',
	dt: '2026-11-25',
	sl: '09:00-10:00',
	iat: now - 3_600,
	exp: now + 3_600,
	...overrides
});

/** The device's storage and the network: the only edges this module has. */
let stored: Map<string, string>;
let published: JSONWebKeySet | null;

beforeEach(() => {
	stored = new Map();
	published = null;
	vi.stubGlobal('localStorage', {
		getItem: (name: string) => stored.get(name) ?? null,
		setItem: (name: string, value: string) => void stored.set(name, value)
	});
	vi.stubGlobal('fetch', async () => {
		if (!published) throw new TypeError('Failed to fetch');
		return new Response(JSON.stringify(published), { status: 200 });
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('receipt check on the office device', () => {
	it('keeps the published keys and then judges receipts with no connection', async () => {
		const current = await key('20261120-bbbbbb');
		published = { keys: [current.jwk] };
		await refreshReceiptKeys();
		published = null; // offline from here on

		const token = await signReceipt(claims(), current);
		expect(await checkReceiptOnDevice(token)).toEqual({ kind: 'valid' });

		const [header, payload, signature] = token.split('.');
		const changed = Buffer.from(
			JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), nm: 'X' })
		).toString('base64url');
		expect(await checkReceiptOnDevice([header, changed, signature].join('.'))).toEqual({
			kind: 'refused',
			key: 'checkin_receipt_forged'
		});
		const expired = await signReceipt(claims({ exp: now - 60 }), current);
		expect(await checkReceiptOnDevice(expired)).toEqual({
			kind: 'refused',
			key: 'checkin_receipt_expired'
		});
		const stranger = await key('asing-000000');
		expect(await checkReceiptOnDevice(await signReceipt(claims(), stranger))).toEqual({
			kind: 'refused',
			key: 'checkin_receipt_unknown_key'
		});
		expect(await checkReceiptOnDevice('bukan.kode.bukti')).toEqual({
			kind: 'refused',
			key: 'checkin_receipt_malformed'
		});
	});

	it('fetches the keys again when a receipt names a key the device has not seen (a rotation)', async () => {
		const old = await key('20260101-aaaaaa');
		published = { keys: [old.jwk] };
		await refreshReceiptKeys();
		const rotated = await key('20261120-bbbbbb');
		published = { keys: [rotated.jwk, old.jwk] };
		const token = await signReceipt(claims(), rotated);
		expect(await checkReceiptOnDevice(token)).toEqual({ kind: 'valid' });
		expect(JSON.parse(stored.get('lancar.receipt-jwks')!).keys).toHaveLength(2);
	});

	it('leaves the judgement to the server when it has no keys and no connection', async () => {
		const current = await key('20261120-bbbbbb');
		expect(await checkReceiptOnDevice(await signReceipt(claims(), current))).toEqual({
			kind: 'no_keys'
		});
	});
});
