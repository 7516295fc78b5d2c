import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';

/** Who the cookie belongs to; the app caches it on the device to open without a signal. */
export const GET: RequestHandler = ({ locals }) => {
	const user = locals.user;
	return json(
		{
			user: user
				? { id: user.id, fullName: user.fullName, email: user.email, role: user.role }
				: null,
			maxApplicants: config().MAX_APPLICANTS_PER_ACCOUNT
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
