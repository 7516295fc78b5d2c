import { exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { ReceiptClaims } from '../../../src/lib/receipts/claims';
import { receiptExpiry } from '../../../src/lib/receipts/expiry';
import { verifyReceipt } from '../../../src/lib/receipts/verify';
import { signReceipt } from '../../../src/lib/server/receipts/sign';

async function key(kid: string) {
	const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
	return { kid, privateKey, jwk };
}

const appointmentDay = '2026-12-01';
const claims = (overrides: Partial<ReceiptClaims> = {}): ReceiptClaims => ({
	v: 1,
	jti: 'q7Hk2mX9pLw3',
	app: 'LNC-2026-00012345',
	nm: 'Yohana Wenda',
	of: 'DJJ',
	dt: appointmentDay,
	sl: '09:00-10:00',
	iat: Math.floor(Date.UTC(2026, 10, 25, 8) / 1000),
	exp: Math.floor(receiptExpiry(appointmentDay, 'Asia/Jayapura').getTime() / 1000),
	...overrides
});

/** A moment before the appointment day ends, so only the test that wants expiry sees it. */
const beforeExpiry = new Date(Date.UTC(2026, 10, 26));

describe('receipt verification with only the JWKS', () => {
	it('accepts a real receipt, by the key its header names, among older published keys', async () => {
		const old = await key('20260101-aaaaaa');
		const current = await key('20261120-bbbbbb');
		const token = await signReceipt(claims(), current);
		const jwks: JSONWebKeySet = { keys: [current.jwk, old.jwk] };
		const verdict = await verifyReceipt(token, jwks, beforeExpiry);
		expect(verdict).toEqual({ valid: true, claims: claims(), kid: current.kid });
		// A receipt signed before a rotation still verifies while the old key is published.
		const earlier = await signReceipt(claims({ jti: 'earlier-receipt' }), old);
		expect((await verifyReceipt(earlier, jwks, beforeExpiry)).valid).toBe(true);
	});

	it('refuses a tampered receipt', async () => {
		const signer = await key('20261120-bbbbbb');
		const token = await signReceipt(claims(), signer);
		const [header, payload, signature] = token.split('.');
		const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString());
		changed.nm = 'Orang Lain';
		const forged = [header, Buffer.from(JSON.stringify(changed)).toString('base64url'), signature];
		expect(await verifyReceipt(forged.join('.'), { keys: [signer.jwk] }, beforeExpiry)).toEqual({
			valid: false,
			reason: 'bad_signature'
		});
		// The right payload with another key's signature under a published kid fails too.
		const impostor = await key(signer.kid);
		const resigned = await signReceipt(claims(), impostor);
		expect((await verifyReceipt(resigned, { keys: [signer.jwk] }, beforeExpiry)).valid).toBe(false);
	});

	it('refuses a receipt signed by a key that is not published', async () => {
		const published = await key('20261120-bbbbbb');
		const unknown = await key('19990101-ffffff');
		const token = await signReceipt(claims(), unknown);
		expect(await verifyReceipt(token, { keys: [published.jwk] }, beforeExpiry)).toEqual({
			valid: false,
			reason: 'unknown_key'
		});
	});

	it('refuses a receipt once its appointment day is over in the office zone', async () => {
		const signer = await key('20261120-bbbbbb');
		const token = await signReceipt(claims(), signer);
		const jwks = { keys: [signer.jwk] };
		// 23:59 WIT on the day is still fine; midnight WIT (15:00 UTC) is not.
		expect((await verifyReceipt(token, jwks, new Date('2026-12-01T14:59:00Z'))).valid).toBe(true);
		expect(await verifyReceipt(token, jwks, new Date('2026-12-01T15:00:00Z'))).toEqual({
			valid: false,
			reason: 'expired'
		});
	});

	it('refuses garbage and receipts of another shape', async () => {
		const signer = await key('20261120-bbbbbb');
		expect((await verifyReceipt('not.a.jws', { keys: [signer.jwk] })).valid).toBe(false);
		const odd = await signReceipt({ ...claims(), dt: 'tomorrow' } as ReceiptClaims, signer);
		expect(await verifyReceipt(odd, { keys: [signer.jwk] }, beforeExpiry)).toEqual({
			valid: false,
			reason: 'malformed'
		});
	});

	it('fits a QR code at error correction M with room to spare', async () => {
		const signer = await key('20261120-bbbbbb');
		const long = claims({
			nm: 'Muhammad Rizky Ramadhan Saputra Wijayakusuma Hadiningrat',
			app: 'LNC-2026-99999999'
		});
		const token = await signReceipt(long, signer);
		const qr = QRCode.create(token, { errorCorrectionLevel: 'M' });
		expect(token.length).toBeLessThan(600);
		// Version 20 (97×97 modules) still scans from a phone screen at arm's length.
		expect(qr.version).toBeLessThanOrEqual(20);
	});
});

describe('receipt expiry', () => {
	it('is midnight at the end of the appointment day in each office zone', () => {
		expect(receiptExpiry('2026-12-01', 'Asia/Jakarta').toISOString()).toBe(
			'2026-12-01T17:00:00.000Z'
		);
		expect(receiptExpiry('2026-12-01', 'Asia/Makassar').toISOString()).toBe(
			'2026-12-01T16:00:00.000Z'
		);
		expect(receiptExpiry('2026-12-01', 'Asia/Jayapura').toISOString()).toBe(
			'2026-12-01T15:00:00.000Z'
		);
	});
});
