import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const { applicants, max } = await (await serverCaller(event)).applicants.list();
	return {
		count: applicants.length,
		max,
		hasAccountHolder: applicants.some((a) => a.isAccountHolder)
	};
};
