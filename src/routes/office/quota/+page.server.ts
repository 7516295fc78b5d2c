import { error, fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { managesOffice } from '$lib/domain/staff-roles';
import { isClockTime, officeInstant, officeLocalDate } from '$lib/domain/office-time';
import { isMonth, monthOf } from '$lib/domain/quota-calendar';
import { isIsoDate } from '$lib/domain/dates';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office/quota')}`);
	if (!managesOffice(user.role)) error(403, 'forbidden');
	const caller = await serverCaller(event);
	const [office, templates, releases] = await Promise.all([
		caller.office.current(),
		caller.quota.templates(),
		caller.quota.releases()
	]);
	// The calendar opens on the office's own month; ?month= moves it, ?day= picks a date.
	const today = officeLocalDate(new Date(), office.timeZone);
	const asked = event.url.searchParams.get('month') ?? '';
	const month = isMonth(asked) ? asked : monthOf(today);
	const day = event.url.searchParams.get('day');
	const calendar = await caller.quota.calendar({ officeId: office.id, month });
	return {
		office,
		templates,
		releases,
		calendar: { month, today, slots: calendar, day: day && monthOf(day) === month ? day : null }
	};
};

/** A refusal as the form shows it: one message key, or message keys per field. */
function refusal(action: string, failure: unknown) {
	if (failure instanceof AppError) return fail(400, { action, key: failure.key, fields: {} });
	if (failure instanceof TRPCError && failure.cause instanceof ZodError) {
		const fields: Record<string, string[]> = {};
		for (const issue of failure.cause.issues)
			(fields[issue.path.join('.')] ??= []).push(issue.message);
		return fail(400, { action, key: 'form_has_errors', fields });
	}
	throw failure;
}

function text(form: FormData, name: string): string {
	return String(form.get(name) ?? '').trim();
}

export const actions: Actions = {
	saveTemplate: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).quota.saveTemplate({
				weekday: Number(text(form, 'weekday')),
				startTime: text(form, 'startTime'),
				endTime: text(form, 'endTime'),
				passportType: text(form, 'passportType') as 'biasa',
				service: text(form, 'service') as 'reguler',
				capacity: Number(text(form, 'capacity'))
			});
			return { action: 'saveTemplate', done: true };
		} catch (failure) {
			return refusal('saveTemplate', failure);
		}
	},

	deleteTemplate: async (event) => {
		const form = await event.request.formData();
		try {
			await (await serverCaller(event)).quota.deleteTemplate({ id: text(form, 'id') });
			return { action: 'deleteTemplate', done: true };
		} catch (failure) {
			return refusal('deleteTemplate', failure);
		}
	},

	createRelease: async (event) => {
		const form = await event.request.formData();
		const caller = await serverCaller(event);
		try {
			const office = await caller.office.current();
			const opensDate = text(form, 'opensDate');
			const opensTime = text(form, 'opensTime');
			// Staff type the opening in their office's own clock; it is stored as an instant.
			const opensAt =
				isIsoDate(opensDate) && isClockTime(opensTime)
					? officeInstant(opensDate, opensTime, office.timeZone)
					: new Date(Number.NaN);
			const release = await caller.quota.createRelease({
				label: text(form, 'label'),
				firstDate: text(form, 'firstDate'),
				lastDate: text(form, 'lastDate'),
				opensAt
			});
			return { action: 'createRelease', done: true, count: release.slotsCreated };
		} catch (failure) {
			return refusal('createRelease', failure);
		}
	},

	generateSlots: async (event) => {
		const form = await event.request.formData();
		try {
			const result = await (
				await serverCaller(event)
			).quota.generateSlots({
				releaseId: text(form, 'releaseId')
			});
			return { action: 'generateSlots', done: true, count: result.slotsCreated };
		} catch (failure) {
			return refusal('generateSlots', failure);
		}
	}
};
