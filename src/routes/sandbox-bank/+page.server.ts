import { error, fail } from '@sveltejs/kit';
import { isBillingCode, normalizeBillingCode } from '$lib/domain/billing-code';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { payAsBank, sandboxBill } from '$lib/server/payments/sandbox-bank';
import type { Actions, PageServerLoad } from './$types';

function requireSandbox() {
	// Production has no sandbox bank unless an operator turned it on on purpose.
	if (!config().sandboxBank) error(404, 'not_found');
}

export const load: PageServerLoad = () => {
	requireSandbox();
	return {};
};

export const actions: Actions = {
	default: async ({ request, url }) => {
		requireSandbox();
		const form = await request.formData();
		const code = normalizeBillingCode(String(form.get('billingCode') ?? ''));
		if (!isBillingCode(code)) return fail(400, { code, error: 'payment_code_invalid' });
		const bill = await sandboxBill(await db(), code);
		const typedAmount = Number(String(form.get('amount') ?? '').replace(/\D/g, ''));
		// The billed amount unless the tester typed another (to try a wrong amount).
		const amount = typedAmount > 0 ? typedAmount : (bill?.amount ?? 1);
		const answer = await payAsBank({
			webhookUrl: new URL('/api/payments/webhook', url).href,
			secret: config().paymentWebhookSecret,
			billingCode: code,
			amount,
			channel: String(form.get('channel') ?? 'sandbox').slice(0, 40) || 'sandbox'
		});
		if (answer.status !== 200) {
			return fail(answer.status, { code, error: answer.body.error ?? 'unknown', amount });
		}
		return { code, result: answer.body.result ?? 'paid', amount };
	}
};
