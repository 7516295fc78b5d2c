import { z } from 'zod';
import { isIsoDate } from '../../../domain/dates';
import { PASSPORT_SERVICES, PASSPORT_TYPES } from '../../../domain/passport-kinds';
import { bookingDetail } from '../../booking/booking-detail';
import { cancelBooking } from '../../booking/cancel';
import { recordNoShow } from '../../booking/no-show';
import { cancelByOffice } from '../../booking/office-cancel';
import { officeFreeSlots, officeInbox } from '../../booking/office-inbox';
import { rescheduleBooking, SPECIAL_RESCHEDULE_CATEGORIES } from '../../booking/reschedule';
import { now } from '../../clock';
import { applicantProcedure, router, staffProcedure } from '../init';

const bookingId = z.uuid({ error: 'booking_not_found' });
const slotId = z.uuid({ error: 'reschedule_slot_invalid' });
const isoDate = z.string().refine(isIsoDate, { error: 'date_invalid' });
const reason = z
	.string({ error: 'inbox_reason_required' })
	.trim()
	.min(5, { error: 'inbox_reason_required' })
	.max(500, { error: 'text_too_long' });

/** The applicant's side: see whether a booking may move, move it once, or cancel it. */
export const rescheduleRouter = router({
	detail: applicantProcedure
		.input(z.object({ bookingId }))
		.query(({ ctx, input }) => bookingDetail(ctx.db, ctx.user.id, input.bookingId, now())),

	move: applicantProcedure
		.input(z.object({ bookingId, newSlotId: slotId }))
		.mutation(({ ctx, input }) =>
			rescheduleBooking(
				ctx.db,
				{
					actor: { role: 'applicant', userId: ctx.user.id },
					bookingId: input.bookingId,
					newSlotId: input.newSlotId
				},
				now()
			)
		),

	cancel: applicantProcedure.input(z.object({ bookingId })).mutation(async ({ ctx, input }) => {
		await cancelBooking(ctx.db, ctx.user.id, input.bookingId, now());
		return { ok: true as const };
	})
});

/** The office's side: each day's applications and letters, no-shows, cancels, special reschedules. */
export const inboxRouter = router({
	day: staffProcedure
		.input(z.object({ date: isoDate.optional() }))
		.query(({ ctx, input }) => officeInbox(ctx.db, ctx.officeId, input.date, now())),

	freeSlots: staffProcedure
		.input(
			z.object({
				date: isoDate,
				passportType: z.enum(PASSPORT_TYPES, { error: 'passport_type_invalid' }),
				service: z.enum(PASSPORT_SERVICES, { error: 'service_invalid' })
			})
		)
		.query(({ ctx, input }) => officeFreeSlots(ctx.db, ctx.officeId, input.date, input, now())),

	noShow: staffProcedure.input(z.object({ bookingId, reason })).mutation(async ({ ctx, input }) => {
		await recordNoShow(
			ctx.db,
			{ userId: ctx.user.id, officeId: ctx.officeId },
			input.bookingId,
			input.reason,
			now()
		);
		return { ok: true as const };
	}),

	/** The office cancels a coming booking (office closed, force majeure); reason required. */
	cancel: staffProcedure.input(z.object({ bookingId, reason })).mutation(async ({ ctx, input }) => {
		await cancelByOffice(
			ctx.db,
			{ userId: ctx.user.id, officeId: ctx.officeId },
			input.bookingId,
			input.reason,
			now()
		);
		return { ok: true as const };
	}),

	specialReschedule: staffProcedure
		.input(
			z.object({
				bookingId,
				newSlotId: slotId,
				category: z.enum(SPECIAL_RESCHEDULE_CATEGORIES, { error: 'inbox_category_required' }),
				reason
			})
		)
		.mutation(({ ctx, input }) =>
			rescheduleBooking(
				ctx.db,
				{
					actor: { role: 'staff', userId: ctx.user.id, officeId: ctx.officeId },
					bookingId: input.bookingId,
					newSlotId: input.newSlotId,
					category: input.category,
					reason: input.reason
				},
				now()
			)
		)
});
