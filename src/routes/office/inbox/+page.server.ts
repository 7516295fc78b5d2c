import { error, fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { isOfficeRole } from '$lib/domain/staff-roles';
import { AppError } from '$lib/server/errors';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	const path = `/office/inbox${event.url.search}`;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(path)}`);
	if (!isOfficeRole(user.role)) error(403, 'forbidden');
	const caller = await serverCaller(event);
	const params = event.url.searchParams;
	let day;
	let dayRefusal: string | null = null;
	try {
		day = await caller.inbox.day({ date: params.get('date') || undefined });
	} catch (failure) {
		// A mistyped date shows today's inbox with the reason, rather than an error page.
		if (!(failure instanceof TRPCError) || failure.code !== 'BAD_REQUEST') throw failure;
		dayRefusal = 'date_invalid';
		day = await caller.inbox.day({});
	}

	// Free times for one entry's special reschedule, once staff asked for a date.
	const special = params.get('special');
	const newDate = params.get('newDate');
	const entry = day.entries.find((candidate) => candidate.id === special);
	let freeSlots: { id: string; startTime: string; endTime: string; free: number }[] | null = null;
	if (entry && newDate) {
		try {
			const slots = await caller.inbox.freeSlots({
				date: newDate,
				passportType: entry.passportType,
				service: entry.service
			});
			// Its own slot is no move at all.
			freeSlots = slots.filter((slot) => slot.id !== entry.slotId);
		} catch {
			freeSlots = [];
		}
	}
	return { day, dayRefusal, special: entry ? { id: entry.id, newDate, freeSlots } : null };
};

/** A refusal as the page shows it: one message key for the row it concerns. */
function refusal(action: string, bookingId: string, failure: unknown) {
	if (failure instanceof AppError) return fail(400, { action, bookingId, key: failure.key });
	if (failure instanceof TRPCError && failure.cause instanceof ZodError) {
		const key = failure.cause.issues[0]?.message ?? 'form_has_errors';
		return fail(400, { action, bookingId, key });
	}
	throw failure;
}

function field(form: FormData, name: string): string {
	return String(form.get(name) ?? '').trim();
}

export const actions: Actions = {
	noShow: async (event) => {
		const form = await event.request.formData();
		const bookingId = field(form, 'bookingId');
		try {
			await (
				await serverCaller(event)
			).inbox.noShow({
				bookingId,
				reason: field(form, 'reason')
			});
			return { action: 'noShow', bookingId, done: true };
		} catch (failure) {
			return refusal('noShow', bookingId, failure);
		}
	},

	cancel: async (event) => {
		const form = await event.request.formData();
		const bookingId = field(form, 'bookingId');
		try {
			await (await serverCaller(event)).inbox.cancel({ bookingId, reason: field(form, 'reason') });
			return { action: 'cancel', bookingId, done: true };
		} catch (failure) {
			return refusal('cancel', bookingId, failure);
		}
	},

	special: async (event) => {
		const form = await event.request.formData();
		const bookingId = field(form, 'bookingId');
		try {
			await (
				await serverCaller(event)
			).inbox.specialReschedule({
				bookingId,
				newSlotId: field(form, 'newSlotId'),
				category: field(form, 'category') as 'illness',
				reason: field(form, 'reason')
			});
			return { action: 'special', bookingId, done: true };
		} catch (failure) {
			return refusal('special', bookingId, failure);
		}
	}
};
