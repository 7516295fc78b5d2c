import type { LayoutLoad } from './$types';
import { currentUser } from '$lib/client/session';

export const load: LayoutLoad = async ({ fetch, depends }) => {
	depends('app:session');
	return { user: await currentUser(fetch) };
};
