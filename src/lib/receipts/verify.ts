import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { RECEIPT_ALGORITHM, receiptClaimsSchema, type ReceiptClaims } from './claims';

export type ReceiptVerdict =
	| { valid: true; claims: ReceiptClaims; kid: string }
	| { valid: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' };

/**
 * Checks a receipt with nothing but the published keys (JWKS), so an office device can verify
 * a QR with no connection: the signature by the key its header names, then the expiry, then
 * the claims' shape. Revocation (a receipt replaced by a reschedule) needs the server; see
 * the staff check in the payment router.
 */
export async function verifyReceipt(
	token: string,
	jwks: JSONWebKeySet,
	now: Date = new Date()
): Promise<ReceiptVerdict> {
	try {
		const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
			algorithms: [RECEIPT_ALGORITHM],
			currentDate: now,
			// A receipt stays valid to the second its appointment day ends: no leeway.
			clockTolerance: 0
		});
		const claims = receiptClaimsSchema.safeParse(payload);
		if (!claims.success || !protectedHeader.kid) return { valid: false, reason: 'malformed' };
		return { valid: true, claims: claims.data, kid: protectedHeader.kid };
	} catch (error) {
		if (error instanceof errors.JWKSNoMatchingKey) return { valid: false, reason: 'unknown_key' };
		if (error instanceof errors.JWSSignatureVerificationFailed) {
			return { valid: false, reason: 'bad_signature' };
		}
		if (error instanceof errors.JWTExpired) return { valid: false, reason: 'expired' };
		return { valid: false, reason: 'malformed' };
	}
}
