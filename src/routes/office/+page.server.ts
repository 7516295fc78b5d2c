import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office')}`);
	const caller = await serverCaller(event);
	if (user.role === 'staff') return { office: await caller.office.current(), offices: [] };
	if (user.role === 'admin') return { office: null, offices: await caller.admin.offices() };
	error(403, 'forbidden');
};
