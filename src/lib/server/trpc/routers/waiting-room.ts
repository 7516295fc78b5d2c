import { z } from 'zod';
import { setReleaseAdmissionRate } from '../../booking/quota';
import { MAX_CHOSEN_SLOTS } from '../../../domain/standing-choice';
import { chooseSlots, chosenSlots } from '../../waiting-room/choice';
import { roomMeta, setRoomPaused, setRoomRate } from '../../waiting-room/room';
import {
	joinWaitingRoom,
	leaveWaitingRoom,
	requireRelease,
	roomStatus
} from '../../waiting-room/service';
import { adminProcedure, applicantProcedure, router } from '../init';

const releaseId = z.uuid({ error: 'release_not_found' });

export const waitingRoomRouter = router({
	/** Takes a place (or returns the one the account has) for up to five applications. */
	join: applicantProcedure
		.input(
			z.object({
				releaseId,
				applicationIds: z
					.array(z.uuid({ error: 'booking_application_not_found' }))
					.min(1, { error: 'applications_invalid' })
					.max(5, { error: 'applications_invalid' })
					.refine((ids) => new Set(ids).size === ids.length, { error: 'applications_invalid' })
			})
		)
		.mutation(({ ctx, input }) =>
			joinWaitingRoom(ctx.db, {
				accountId: ctx.user.id,
				ip: ctx.ip,
				releaseId: input.releaseId,
				applicationIds: [...input.applicationIds].sort()
			})
		),

	/** Position, people ahead, estimate, admission; also the polling fallback of the live stream. */
	status: applicantProcedure
		.input(z.object({ releaseId }))
		.query(({ ctx, input }) => roomStatus(ctx.db, ctx.user.id, input.releaseId)),

	/**
	 * "Book for me when my turn comes": up to three slots in order of preference, and whether
	 * any other free slot will do; booked for the person at their admission. Empty clears it.
	 */
	choose: applicantProcedure
		.input(
			z.object({
				releaseId,
				slotIds: z
					.array(z.uuid({ error: 'slot_not_in_release' }))
					.max(MAX_CHOSEN_SLOTS, { error: 'choice_too_many' }),
				anySlot: z.boolean()
			})
		)
		.mutation(({ ctx, input }) =>
			chooseSlots(ctx.db, ctx.user.id, input.releaseId, {
				slotIds: input.slotIds,
				anySlot: input.anySlot
			})
		),

	chosen: applicantProcedure
		.input(z.object({ releaseId }))
		.query(({ ctx, input }) => chosenSlots(ctx.db, ctx.user.id, input.releaseId)),

	leave: applicantProcedure
		.input(z.object({ releaseId }))
		.mutation(({ ctx, input }) => leaveWaitingRoom(ctx.db, ctx.user.id, input.releaseId)),

	/** Admins set a room's admission rate live (below what the booking worker sustains). */
	setRate: adminProcedure
		.input(
			z.object({
				releaseId,
				ratePerSecond: z
					.number({ error: 'rate_invalid' })
					.positive({ error: 'rate_invalid' })
					.max(10_000, { error: 'rate_invalid' })
			})
		)
		.mutation(async ({ ctx, input }) => {
			await requireRelease(ctx.db, input.releaseId);
			await setReleaseAdmissionRate(ctx.db, input.releaseId, input.ratePerSecond);
			await setRoomRate(input.releaseId, input.ratePerSecond);
			return { ok: true as const };
		}),

	/** Pausing stops admissions and keeps every place and number. */
	setPaused: adminProcedure
		.input(z.object({ releaseId, paused: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			await requireRelease(ctx.db, input.releaseId);
			await setRoomPaused(input.releaseId, input.paused);
			return { ok: true as const };
		}),

	/** A room's counters, for admins watching an opening. */
	inspect: adminProcedure.input(z.object({ releaseId })).query(async ({ ctx, input }) => {
		await requireRelease(ctx.db, input.releaseId);
		return roomMeta(input.releaseId);
	})
});
