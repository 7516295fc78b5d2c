import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	return caller.applicants.list();
};
