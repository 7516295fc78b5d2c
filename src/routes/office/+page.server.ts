import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isOfficeRole, managesOffice } from '$lib/domain/staff-roles';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office')}`);
	if (user.role === 'admin') redirect(303, '/admin/offices');
	if (!isOfficeRole(user.role)) error(403, 'forbidden');
	const caller = await serverCaller(event);
	return { office: await caller.office.current(), manages: managesOffice(user.role) };
};
