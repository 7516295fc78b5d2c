import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { serverCaller } from '$lib/server/trpc/request-context';

/**
 * The link from an invitation mail. The token travels in the query, never the path, so the
 * request log (which records paths) does not keep live links.
 */
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	try {
		const invite = await (await serverCaller(event)).invite.preview({ token });
		return { token, invite, refusal: null, signedIn: event.locals.user !== null };
	} catch (failure) {
		// A malformed token fails validation, which says no more than "not a valid link".
		if (!(failure instanceof TRPCError)) throw failure;
		const key = failure instanceof AppError ? failure.key : 'invite_invalid';
		return { token: '', invite: null, refusal: key, signedIn: event.locals.user !== null };
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			const account = await (
				await serverCaller(event)
			).invite.accept({
				token: formText(form, 'token'),
				fullName: formText(form, 'fullName'),
				phone: formText(form, 'phone'),
				password: String(form.get('password') ?? '')
			});
			return { action: 'accept', done: true, email: account.email };
		} catch (failure) {
			return formRefusal('accept', failure);
		}
	}
};
