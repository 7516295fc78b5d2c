import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isPassportType } from '$lib/domain/passport-kinds';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	try {
		return await (await serverCaller(event)).offices.byCode({ code: event.params.code });
	} catch (failure) {
		if (failure instanceof AppError && failure.key === 'office_not_found')
			error(404, 'office_not_found');
		throw failure;
	}
};

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
