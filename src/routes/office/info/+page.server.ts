import { error, fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { managesOffice } from '$lib/domain/staff-roles';
import { SOCIAL_NETWORKS } from '$lib/domain/office-info';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office/info')}`);
	if (!managesOffice(user.role)) error(403, 'forbidden');
	return { office: await (await serverCaller(event)).office.current() };
};

function text(form: FormData, name: string): string {
	return String(form.get(name) ?? '').trim();
}

/** The form's seven day rows become the list of open days; an unticked day is closed. */
function openingHours(form: FormData) {
	return [1, 2, 3, 4, 5, 6, 7]
		.filter((weekday) => form.get(`open-${weekday}`) === 'on')
		.map((weekday) => ({
			weekday,
			opens: text(form, `opens-${weekday}`),
			closes: text(form, `closes-${weekday}`)
		}));
}

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).office.updateInfo({
				address: text(form, 'address'),
				phone: text(form, 'phone'),
				whatsapp: text(form, 'whatsapp'),
				email: text(form, 'email'),
				openingHours: openingHours(form),
				socialLinks: Object.fromEntries(
					SOCIAL_NETWORKS.map((network) => [network, text(form, `social-${network}`)])
				),
				priorityWalkIn: form.get('priorityWalkIn') === 'on',
				priorityWalkInNote: text(form, 'priorityWalkInNote')
			});
			return { done: true };
		} catch (failure) {
			if (failure instanceof AppError) return fail(400, { key: failure.key, fields: {} });
			if (failure instanceof TRPCError && failure.cause instanceof ZodError) {
				const fields: Record<string, string[]> = {};
				for (const issue of failure.cause.issues)
					(fields[issue.path.join('.')] ??= []).push(issue.message);
				return fail(400, { key: 'form_has_errors', fields });
			}
			throw failure;
		}
	}
};
