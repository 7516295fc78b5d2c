import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { verifyReceipt } from '../../../receipts/verify';
import { offices } from '../../db/schema';
import { AppError } from '../../errors';
import {
	billsOfAccount,
	lateFlagsOfAccount,
	openFlagsOfOffice,
	receiptsOfAccount,
	settleFlag
} from '../../payments/account-views';
import { receiptStanding } from '../../receipts/issue';
import { publishedJwks } from '../../receipts/keys';
import { applicantProcedure, router, staffProcedure } from '../init';

export const paymentRouter = router({
	/** Billing codes of the account's holds (made on first sight) and paid bookings. */
	bills: applicantProcedure.query(({ ctx }) => billsOfAccount(ctx.db, ctx.user.id)),

	/** Payments that arrived after their hold ended, until the office settles them. */
	lateFlags: applicantProcedure.query(({ ctx }) => lateFlagsOfAccount(ctx.db, ctx.user.id)),

	/** Live receipts, with the published keys, for the device to keep and show offline. */
	receipts: applicantProcedure.query(async ({ ctx }) => ({
		receipts: await receiptsOfAccount(ctx.db, ctx.user.id),
		jwks: await publishedJwks(ctx.db)
	})),

	/** Late payments at the staff's office that wait to be settled. */
	officeLateFlags: staffProcedure.query(({ ctx }) => openFlagsOfOffice(ctx.db, ctx.officeId)),

	settleLateFlag: staffProcedure
		.input(z.object({ flagId: z.uuid({ error: 'payment_flag_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			const settled = await settleFlag(
				ctx.db,
				{ id: ctx.user.id, officeId: ctx.officeId },
				input.flagId
			);
			if (!settled) throw new AppError('payment_flag_not_found', 'NOT_FOUND');
			return { ok: true as const };
		}),

	/**
	 * A staff check at the counter: the signature and expiry (as any offline device would),
	 * then what only the server knows — whether a reschedule replaced the receipt, and whether
	 * it is for this office.
	 */
	checkReceipt: staffProcedure
		.input(z.object({ token: z.string().min(20).max(4_000) }))
		.query(async ({ ctx, input }) => {
			const verdict = await verifyReceipt(input.token, await publishedJwks(ctx.db));
			if (!verdict.valid) return { valid: false as const, reason: verdict.reason };
			const standing = await receiptStanding(ctx.db, verdict.claims.jti);
			if (standing !== 'live') return { valid: false as const, reason: standing };
			const [office] = await ctx.db
				.select({ code: offices.code })
				.from(offices)
				.where(eq(offices.id, ctx.officeId));
			return {
				valid: true as const,
				claims: verdict.claims,
				thisOffice: office?.code === verdict.claims.of
			};
		})
});
