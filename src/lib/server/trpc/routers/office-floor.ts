import { z } from 'zod';
import {
	applicationNumberSchema,
	SERVICE_STEPS,
	WALK_IN_REASONS
} from '../../../domain/office-floor';
import { checkInByNumber } from '../../office-floor/check-in';
import {
	callNext,
	closeCounter,
	finishCurrent,
	openCounter,
	recall,
	startStep
} from '../../office-floor/counters';
import { floorOverview } from '../../office-floor/overview';
import { checkInByReceipt } from '../../office-floor/receipt-check-in';
import { issuePriorityTicket, setPriorityQuota } from '../../office-floor/walk-in';
import { router, staffProcedure } from '../init';

const counterInput = z.object({ counterId: z.uuid({ error: 'counter_not_found' }) });

/**
 * The office floor: check-in, walk-in priority numbers and counters. The office always comes
 * from the staff member's session; every counter and ticket is looked up within it.
 */
export const officeFloorRouter = router({
	overview: staffProcedure.query(({ ctx }) => floorOverview(ctx.db, ctx.officeId)),

	checkIn: staffProcedure
		.input(z.object({ applicationNumber: applicationNumberSchema }))
		.mutation(({ ctx, input }) =>
			checkInByNumber(ctx.db, ctx.officeId, ctx.user.id, input.applicationNumber)
		),

	checkInReceipt: staffProcedure
		.input(
			z.object({
				token: z
					.string()
					.trim()
					.min(20, { error: 'checkin_receipt_malformed' })
					.max(4_000, { error: 'checkin_receipt_malformed' })
			})
		)
		.mutation(({ ctx, input }) => checkInByReceipt(ctx.db, ctx.officeId, ctx.user.id, input.token)),

	issuePriority: staffProcedure
		.input(z.object({ reason: z.enum(WALK_IN_REASONS, { error: 'counter_reason_required' }) }))
		.mutation(({ ctx, input }) =>
			issuePriorityTicket(ctx.db, ctx.officeId, ctx.user.id, input.reason)
		),

	setPriorityQuota: staffProcedure
		.input(z.object({ quota: z.int({ error: 'counter_quota_invalid' }).min(0).max(999) }))
		.mutation(({ ctx, input }) => setPriorityQuota(ctx.db, ctx.officeId, input.quota)),

	openCounter: staffProcedure
		.input(
			z.object({
				number: z.int({ error: 'counter_number_invalid' }).min(1).max(99),
				name: z.string().trim().min(1, { error: 'counter_name_required' }).max(40)
			})
		)
		.mutation(({ ctx, input }) => openCounter(ctx.db, ctx.officeId, ctx.user.id, input)),

	closeCounter: staffProcedure
		.input(counterInput)
		.mutation(({ ctx, input }) => closeCounter(ctx.db, ctx.officeId, input.counterId)),

	callNext: staffProcedure
		.input(counterInput)
		.mutation(({ ctx, input }) => callNext(ctx.db, ctx.officeId, input.counterId)),

	recall: staffProcedure
		.input(counterInput)
		.mutation(({ ctx, input }) => recall(ctx.db, ctx.officeId, input.counterId)),

	finish: staffProcedure
		.input(counterInput.extend({ ending: z.enum(['done', 'no_show', 'skipped']) }))
		.mutation(({ ctx, input }) =>
			finishCurrent(ctx.db, ctx.officeId, input.counterId, input.ending)
		),

	startStep: staffProcedure
		.input(counterInput.extend({ step: z.enum(SERVICE_STEPS) }))
		.mutation(({ ctx, input }) =>
			startStep(ctx.db, ctx.officeId, ctx.user.id, input.counterId, input.step)
		)
});
