import { z } from 'zod';
import { isBillingCode } from '../../domain/billing-code';
import { signatureMatches, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

/** A payment as a provider reports it: one event, one billing code paid in full once. */
export const paymentNotificationSchema = z.object({
	eventId: z.string().min(8).max(100),
	billingCode: z.string().refine(isBillingCode),
	amount: z.number().int().positive(),
	/** When the bank took the money; judged against the billing code's deadline. */
	paidAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
	/** bank_transfer, atm, mobile_banking, post_office, marketplace, sandbox … (for the office). */
	channel: z.string().min(1).max(40)
});

export type PaymentNotification = z.infer<typeof paymentNotificationSchema>;

export type VerifiedRequest =
	| { ok: true; notification: PaymentNotification }
	| { ok: false; reason: 'bad_signature' | 'stale_timestamp' | 'malformed' };

/**
 * What any payment provider plugs in: turn the provider's HTTP call into a notification we
 * can trust, or say why not. Lancar's own contract (below) is what the sandbox bank speaks;
 * a real provider with another signing scheme gets its own adapter behind the same webhook.
 */
export interface PaymentProviderAdapter {
	readonly name: string;
	verify(request: { rawBody: string; headers: Headers; now: Date }): VerifiedRequest;
}

/**
 * The signed-webhook contract: HMAC-SHA256 over `${timestamp}.${rawBody}` with the shared
 * secret, and a timestamp (Unix seconds) no further than `windowSeconds` from our clock in
 * either direction, so a captured request cannot be replayed later.
 */
export function signedWebhookAdapter(
	secret: string,
	windowSeconds: number
): PaymentProviderAdapter {
	return {
		name: 'lancar-signed-webhook',
		verify({ rawBody, headers, now }) {
			const timestamp = headers.get(TIMESTAMP_HEADER) ?? '';
			const signature = headers.get(SIGNATURE_HEADER) ?? '';
			// The signature first: nothing about an unsigned request is worth reading.
			if (
				!/^\d{1,12}$/.test(timestamp) ||
				!signatureMatches(secret, timestamp, rawBody, signature)
			) {
				return { ok: false, reason: 'bad_signature' };
			}
			if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) {
				return { ok: false, reason: 'stale_timestamp' };
			}
			let body: unknown;
			try {
				body = JSON.parse(rawBody);
			} catch {
				return { ok: false, reason: 'malformed' };
			}
			const parsed = paymentNotificationSchema.safeParse(body);
			return parsed.success
				? { ok: true, notification: parsed.data }
				: { ok: false, reason: 'malformed' };
		}
	};
}
