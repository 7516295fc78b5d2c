import { redirect } from '@sveltejs/kit';
import { browser } from '$app/environment';
import type { PageLoad } from './$types';

/**
 * The app shell: rendered once at build time without a database or a session (ssr = false
 * makes it an empty page that the client router fills in). The service worker precaches it and
 * answers every applicant-area navigation with it, so those pages open with no network.
 */
export const prerender = true;
export const ssr = false;

export const load: PageLoad = () => {
	// Only reached when someone opens /app-shell itself; the shell's real work happens when it
	// is served for another URL and the router renders that route instead.
	if (browser) redirect(307, '/dashboard');
};
