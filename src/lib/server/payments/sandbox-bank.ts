import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { billingCodes } from '../db/schema';
import { signedHeaders } from './signature';

/**
 * The sandbox bank: what a bank does when a person pays a billing code, for development and
 * tests. It looks the bill up (a bank's inquiry), then reports the payment to the webhook by
 * HTTP, signed exactly as the provider contract says. Both the /sandbox-bank page and
 * `npm run sandbox:pay` use it.
 */

export interface SandboxBill {
	code: string;
	amount: number;
	expiresAt: string;
	paid: boolean;
}

export async function sandboxBill(db: Db, code: string): Promise<SandboxBill | null> {
	const [bill] = await db
		.select({
			code: billingCodes.code,
			amount: billingCodes.amount,
			expiresAt: billingCodes.expiresAt,
			paidAt: billingCodes.paidAt
		})
		.from(billingCodes)
		.where(eq(billingCodes.code, code));
	if (!bill) return null;
	return {
		code: bill.code,
		amount: bill.amount,
		expiresAt: bill.expiresAt.toISOString(),
		paid: bill.paidAt !== null
	};
}

export interface SandboxPayment {
	webhookUrl: string;
	secret: string;
	billingCode: string;
	amount: number;
	channel?: string;
	eventId?: string;
	paidAt?: Date;
}

/** Sends one signed payment notification; returns the webhook's status and answer. */
export async function payAsBank(payment: SandboxPayment) {
	const rawBody = JSON.stringify({
		eventId: payment.eventId ?? `sandbox-${randomUUID()}`,
		billingCode: payment.billingCode,
		amount: payment.amount,
		paidAt: (payment.paidAt ?? new Date()).toISOString(),
		channel: payment.channel ?? 'sandbox'
	});
	const response = await fetch(payment.webhookUrl, {
		method: 'POST',
		headers: signedHeaders(payment.secret, rawBody),
		body: rawBody
	});
	const body = (await response.json().catch(() => ({}))) as {
		ok?: boolean;
		result?: string;
		error?: string;
	};
	return { status: response.status, body };
}
