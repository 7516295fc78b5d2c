import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { handlePaymentWebhook } from '$lib/server/payments/webhook';
import type { RequestHandler } from './$types';

/** Payment providers (and the sandbox bank) report payments here; see payments/provider.ts. */
export const POST: RequestHandler = async ({ request }) => {
	// The signature covers the exact bytes sent, so the body is read as text, never re-encoded.
	const rawBody = await request.text();
	const answer = await handlePaymentWebhook(await db(), { rawBody, headers: request.headers });
	return json(answer.body, { status: answer.status });
};
