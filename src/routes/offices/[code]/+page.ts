import { error } from '@sveltejs/kit';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { browser } from '$app/environment';
import type { AppRouter } from '$lib/server/trpc/router';
import type { PageLoad } from './$types';

/**
 * Universal, so the page also opens offline: the service worker answers with the app shell,
 * and this load falls back to the copy kept on the device the last time the page was read.
 */
export const load: PageLoad = async ({ fetch, params }) => {
	const client = createTRPCClient<AppRouter>({
		links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, fetch })]
	});
	try {
		const page = await client.offices.byCode.query({ code: params.code });
		if (browser) {
			const { keepOfficePage } = await import('$lib/client/office-page-cache');
			await keepOfficePage(params.code, page);
		}
		return { ...page, savedAt: null as number | null };
	} catch (failure) {
		if (failure instanceof TRPCClientError && failure.data) {
			const data = failure.data as { key?: string | null };
			if (data.key === 'office_not_found') error(404, 'office_not_found');
		}
		if (!browser) throw failure;
		const { keptOfficePage } = await import('$lib/client/office-page-cache');
		type Page = Awaited<ReturnType<typeof client.offices.byCode.query>>;
		const kept = await keptOfficePage<Page>(params.code);
		if (!kept) throw failure;
		return { ...kept.page, savedAt: kept.savedAt as number | null };
	}
};
