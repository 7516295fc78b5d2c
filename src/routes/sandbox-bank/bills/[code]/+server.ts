import { error, json } from '@sveltejs/kit';
import { normalizeBillingCode } from '$lib/domain/billing-code';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { sandboxBill } from '$lib/server/payments/sandbox-bank';
import type { RequestHandler } from './$types';

/** The sandbox bank's inquiry, for `npm run sandbox:pay`; absent unless the sandbox is on. */
export const GET: RequestHandler = async ({ params }) => {
	if (!config().sandboxBank) error(404, 'not_found');
	const bill = await sandboxBill(await db(), normalizeBillingCode(params.code));
	if (!bill) return json({ key: 'payment_unknown_code' }, { status: 404 });
	return json(bill, { headers: { 'cache-control': 'no-store' } });
};
