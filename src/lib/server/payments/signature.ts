import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature both sides compute: HMAC-SHA256 over `${timestamp}.${rawBody}`, hex,
 * sent as `v1=<hex>` (the version lets a provider change the scheme without ambiguity).
 * Signing the timestamp with the body stops an old request being resent with a new time.
 */
export const TIMESTAMP_HEADER = 'x-lancar-timestamp';
export const SIGNATURE_HEADER = 'x-lancar-signature';

export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
	return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Constant-time comparison, so the answer time leaks nothing about the expected value. */
export function signatureMatches(
	secret: string,
	timestamp: string,
	rawBody: string,
	signature: string
): boolean {
	const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody));
	const given = Buffer.from(signature);
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Headers of a signed request, as a bank (or the sandbox bank) sends them. */
export function signedHeaders(secret: string, rawBody: string, now = new Date()) {
	const timestamp = String(Math.floor(now.getTime() / 1000));
	return {
		'content-type': 'application/json',
		[TIMESTAMP_HEADER]: timestamp,
		[SIGNATURE_HEADER]: webhookSignature(secret, timestamp, rawBody)
	};
}
