import { redirect } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

// The applicant area renders in the browser from the device's database, so every page of it
// is the same app shell the service worker can serve with no signal.
export const ssr = false;

export const load: LayoutLoad = async ({ parent, url }) => {
	const { user } = await parent();
	if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (user.role !== 'applicant') redirect(307, '/office');
	return { user };
};
