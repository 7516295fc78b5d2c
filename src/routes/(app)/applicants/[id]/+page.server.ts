import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	try {
		const applicant = await (await serverCaller(event)).applicants.get({ id: event.params.id });
		return { applicant };
	} catch (failure) {
		if (
			failure instanceof TRPCError &&
			(failure.code === 'NOT_FOUND' || failure.code === 'BAD_REQUEST')
		) {
			error(404, 'not_found');
		}
		throw failure;
	}
};
