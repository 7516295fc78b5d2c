import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { isPassportType } from '$lib/domain/passport-kinds';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

// The page's data comes from +page.ts (so it also opens offline); only the form posts here.
export const actions: Actions = {
	subscribe: async (event) => {
		if (!event.locals.user)
			redirect(303, `/login?next=${encodeURIComponent(`/offices/${event.params.code}`)}`);
		const form = await event.request.formData();
		const type = String(form.get('passportType') ?? '');
		try {
			await (
				await serverCaller(event)
			).notify.subscribe({
				officeCode: event.params.code,
				passportType: isPassportType(type) ? type : null
			});
			return { subscribed: true };
		} catch (failure) {
			if (failure instanceof AppError) return fail(400, { key: failure.key });
			throw failure;
		}
	}
};
