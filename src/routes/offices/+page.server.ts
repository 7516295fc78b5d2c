import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	return { offices: await (await serverCaller(event)).offices.list() };
};
