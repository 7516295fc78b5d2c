import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

// Reading the link changes nothing (mail scanners follow links); the button does.
export const load: PageServerLoad = ({ url }) => ({
	subscriptionId: url.searchParams.get('s') ?? '',
	token: url.searchParams.get('t') ?? ''
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			const done = await (
				await serverCaller(event)
			).notify.unsubscribeWithToken({
				subscriptionId: String(form.get('s') ?? ''),
				token: String(form.get('t') ?? '')
			});
			return { done: true, officeName: done.officeName };
		} catch (failure) {
			if (failure instanceof AppError) return fail(400, { key: failure.key });
			// A malformed link fails input checks; it is as invalid as a wrong token.
			return fail(400, { key: 'notify_unsubscribe_invalid' });
		}
	}
};
