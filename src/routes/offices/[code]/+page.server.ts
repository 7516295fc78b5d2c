import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
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
