/**
 * Pays a billing code in the sandbox bank, exactly as a bank reports a payment: a lookup of
 * the bill, then a signed POST to the payment webhook.
 *   npm run sandbox:pay -- <billing code> [--amount 950000] [--channel atm] [--base-url http://…]
 * The app must be running with the sandbox bank on (any NODE_ENV but production, or
 * SANDBOX_BANK=true) and this shell must know the same PAYMENT_WEBHOOK_SECRET.
 */
import { parseArgs } from 'node:util';
import { isBillingCode, normalizeBillingCode } from '../src/lib/domain/billing-code';
import { config } from '../src/lib/server/config';
import { payAsBank } from '../src/lib/server/payments/sandbox-bank';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		amount: { type: 'string' },
		channel: { type: 'string', default: 'sandbox' },
		'base-url': { type: 'string' }
	}
});

const code = normalizeBillingCode(positionals.join(''));
if (!isBillingCode(code)) {
	console.error(
		`Not a billing code: "${positionals.join(' ')}" (15 digits, last one a check digit)`
	);
	process.exit(2);
}

const settings = config();
const baseUrl =
	values['base-url'] ??
	settings.SANDBOX_BANK_BASE_URL ??
	settings.ORIGIN ??
	`http://127.0.0.1:${settings.PORT}`;

let amount = values.amount ? Number(values.amount) : NaN;
if (!Number.isInteger(amount) || amount <= 0) {
	// The bank's inquiry: what the bill says is due.
	const response = await fetch(new URL(`/sandbox-bank/bills/${code}`, baseUrl));
	if (response.status === 404) {
		console.error(
			`The app at ${baseUrl} does not know billing code ${code} (or its sandbox bank is off).`
		);
		process.exit(1);
	}
	const bill = (await response.json()) as { amount: number; paid: boolean; expiresAt: string };
	amount = bill.amount;
	console.log(
		`Bill ${code}: Rp${amount.toLocaleString('id-ID')}, due ${bill.expiresAt}${bill.paid ? ' (already paid)' : ''}`
	);
}

const answer = await payAsBank({
	webhookUrl: new URL('/api/payments/webhook', baseUrl).href,
	secret: settings.paymentWebhookSecret,
	billingCode: code,
	amount,
	channel: values.channel
});
console.log(`Webhook answered ${answer.status}: ${JSON.stringify(answer.body)}`);
process.exit(answer.status === 200 ? 0 : 1);
