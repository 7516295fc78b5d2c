import { bookingConfirmed } from '../booking/confirmed';
import { config } from '../config';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { applyPayment } from './apply';
import { signedWebhookAdapter, type PaymentProviderAdapter } from './provider';

export interface WebhookAnswer {
	status: number;
	body: { ok: boolean; result?: string; error?: string };
}

export function configuredAdapter(): PaymentProviderAdapter {
	const settings = config();
	return signedWebhookAdapter(
		settings.paymentWebhookSecret,
		settings.PAYMENT_WEBHOOK_WINDOW_SECONDS
	);
}

/**
 * A provider's call to `POST /api/payments/webhook`. Refusals are logged with the reason and
 * change nothing; a redelivered event is acknowledged (200) so the provider stops retrying,
 * and has no second effect. After a payment commits, the confirmed booking gets its receipt
 * and letter; if that step fails the payment stands and the receipt page asks again.
 */
export async function handlePaymentWebhook(
	db: Db,
	request: { rawBody: string; headers: Headers },
	options: { adapter?: PaymentProviderAdapter; now?: Date } = {}
): Promise<WebhookAnswer> {
	const adapter = options.adapter ?? configuredAdapter();
	const now = options.now ?? new Date();
	const log = logger().child({ webhook: adapter.name });
	const verified = adapter.verify({ rawBody: request.rawBody, headers: request.headers, now });
	if (!verified.ok) {
		log.warn({ reason: verified.reason }, 'payment webhook refused');
		const status = verified.reason === 'malformed' ? 400 : 401;
		return { status, body: { ok: false, error: verified.reason } };
	}
	const payment = verified.notification;
	const context = { eventId: payment.eventId, billingCode: payment.billingCode };
	const outcome = await applyPayment(db, payment, now);
	switch (outcome.result) {
		case 'rejected': {
			log.warn({ ...context, reason: outcome.reason }, 'payment refused');
			const status = outcome.reason === 'unknown_billing_code' ? 404 : 422;
			return { status, body: { ok: false, error: outcome.reason } };
		}
		case 'duplicate':
			log.info(context, 'payment event seen before; no second effect');
			return { status: 200, body: { ok: true, result: 'duplicate' } };
		case 'late':
			log.warn(
				{ ...context, bookingId: outcome.bookingId },
				'payment after the hold ended; flagged'
			);
			return { status: 200, body: { ok: true, result: 'flagged' } };
		case 'paid':
			log.info({ ...context, bookingId: outcome.bookingId }, 'booking paid');
			try {
				await bookingConfirmed(db, outcome.bookingId);
			} catch (error) {
				log.error({ err: error, bookingId: outcome.bookingId }, 'receipt after payment failed');
			}
			return { status: 200, body: { ok: true, result: 'paid' } };
	}
}
