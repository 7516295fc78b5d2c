import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isIsoDate } from '../../../domain/dates';
import { PASSPORT_SERVICES, PASSPORT_TYPES, requestedKind } from '../../../domain/passport-kinds';
import { alternativesFor } from '../../booking/alternatives';
import { attemptResult, submitAttempt } from '../../booking/attempts';
import {
	activeOffices,
	freeDaysOfRelease,
	officeCalendar,
	slotsOfDay
} from '../../booking/calendar';
import { cancelBooking } from '../../booking/cancel';
import { shortCached } from '../../booking/short-cache';
import { applicants, applications, bookings, offices, slots } from '../../db/schema';
import { now } from '../../clock';
import { requireRelease } from '../../waiting-room/service';
import { applicantProcedure, publicProcedure, router } from '../init';

const kind = z.object({
	passportType: z.enum(PASSPORT_TYPES, { error: 'passport_type_invalid' }),
	service: z.enum(PASSPORT_SERVICES, { error: 'service_invalid' })
});
const releaseId = z.uuid({ error: 'release_not_found' });
const isoDate = z.string().refine(isIsoDate, { error: 'date_invalid' });

/** Free seats shown to admitted people may be this old (the decision itself reads the row). */
const FREE_SEATS_MAX_AGE_MS = 1_000;

/** How long a booking call waits for the worker's decision before answering "pending". */
const DECISION_WAIT_MS = 8_000;

export const bookingRouter = router({
	/** The account's applications that are ready to book (or already booked), with their kind. */
	bookable: applicantProcedure.query(async ({ ctx }) => {
		const rows = await ctx.db
			.select({
				id: applications.id,
				number: applications.number,
				status: applications.status,
				form: applications.form,
				applicantName: applicants.fullName
			})
			.from(applications)
			.innerJoin(applicants, eq(applicants.id, applications.applicantId))
			.where(
				and(
					eq(applications.accountId, ctx.user.id),
					inArray(applications.status, ['submitted', 'booked', 'paid'])
				)
			)
			.orderBy(asc(applications.createdAt));
		return rows.map(({ form, ...row }) => ({ ...row, kind: requestedKind(form) }));
	}),

	/** Offices applicants can book at, with what they offer; public, it is no secret. */
	offices: publicProcedure.query(({ ctx }) => activeOffices(ctx.db)),

	calendar: applicantProcedure
		.input(kind.extend({ officeId: z.uuid({ error: 'office_not_found' }) }))
		.query(({ ctx, input }) => officeCalendar(ctx.db, input.officeId, input)),

	/** The days of a release with free seats of this kind, then the free slots of one day. */
	freeDays: applicantProcedure
		.input(kind.extend({ releaseId }))
		.query(({ ctx, input }) =>
			shortCached(
				`days:${input.releaseId}:${input.passportType}:${input.service}`,
				FREE_SEATS_MAX_AGE_MS,
				() => freeDaysOfRelease(ctx.db, input.releaseId, input)
			)
		),

	slots: applicantProcedure
		.input(kind.extend({ releaseId, date: isoDate }))
		.query(({ ctx, input }) =>
			shortCached(
				`slots:${input.releaseId}:${input.date}:${input.passportType}:${input.service}`,
				FREE_SEATS_MAX_AGE_MS,
				() => slotsOfDay(ctx.db, input.releaseId, input.date, input)
			)
		),

	release: applicantProcedure.input(z.object({ releaseId })).query(async ({ ctx, input }) => {
		const release = await requireRelease(ctx.db, input.releaseId);
		return {
			id: release.id,
			officeId: release.officeId,
			officeName: release.officeName,
			timeZone: release.timeZone,
			label: release.label,
			firstDate: release.firstDate,
			lastDate: release.lastDate,
			opensAt: release.opensAt
		};
	}),

	alternatives: applicantProcedure
		.input(kind.extend({ releaseId }))
		.query(({ ctx, input }) => alternativesFor(ctx.db, input.releaseId, input)),

	/** One attempt: up to five of the account's applications, one slot, all or nothing. */
	attempt: applicantProcedure
		.input(
			z.object({
				attemptId: z.uuid({ error: 'attempt_invalid' }),
				token: z.string().min(20).max(2_000),
				slotId: z.uuid({ error: 'slot_not_in_release' }),
				applicationIds: z
					.array(z.uuid({ error: 'booking_application_not_found' }))
					.min(1, { error: 'applications_invalid' })
					.max(5, { error: 'applications_invalid' })
					.refine((ids) => new Set(ids).size === ids.length, { error: 'applications_invalid' })
			})
		)
		.mutation(({ ctx, input }) => submitAttempt(ctx.db, ctx.user.id, input, DECISION_WAIT_MS)),

	result: applicantProcedure
		.input(z.object({ attemptId: z.uuid({ error: 'attempt_not_found' }) }))
		.query(({ ctx, input }) => attemptResult(ctx.db, ctx.user.id, input.attemptId)),

	/** The account's holds and paid bookings, newest first, with their slot and office. */
	mine: applicantProcedure.query(async ({ ctx }) => {
		const rows = await ctx.db
			.select({
				id: bookings.id,
				applicationId: bookings.applicationId,
				status: bookings.status,
				expiresAt: bookings.expiresAt,
				createdAt: bookings.createdAt,
				date: slots.date,
				startTime: slots.startTime,
				endTime: slots.endTime,
				passportType: slots.passportType,
				service: slots.service,
				officeName: offices.name,
				officeAddress: offices.address,
				timeZone: offices.timeZone,
				applicationNumber: applications.number
			})
			.from(bookings)
			.innerJoin(slots, eq(slots.id, bookings.slotId))
			.innerJoin(offices, eq(offices.id, bookings.officeId))
			.innerJoin(applications, eq(applications.id, bookings.applicationId))
			.where(and(eq(bookings.accountId, ctx.user.id), inArray(bookings.status, ['held', 'paid'])))
			.orderBy(asc(bookings.expiresAt));
		return rows;
	}),

	cancelHold: applicantProcedure
		.input(z.object({ bookingId: z.uuid({ error: 'booking_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			// Only an unpaid hold; a paid booking is cancelled from its own page (reschedule.cancel),
			// after the no-refund warning.
			await cancelBooking(ctx.db, ctx.user.id, input.bookingId, now(), {
				allowed: ['held'],
				refusal: 'booking_not_held'
			});
			return { ok: true as const };
		})
});
