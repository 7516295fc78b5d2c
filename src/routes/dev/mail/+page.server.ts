import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { listDevMail } from '$lib/server/mail/dev-mailbox';

export const load: PageServerLoad = async ({ url }) => {
	// Never reachable in production: config refuses DEV_MAILBOX there.
	if (!config().devMailbox) error(404, 'not_found');
	const to = url.searchParams.get('to') ?? undefined;
	const mail = await listDevMail(await db(), to);
	return { mail, to: to ?? '' };
};
