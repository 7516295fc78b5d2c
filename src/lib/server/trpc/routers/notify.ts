import { z } from 'zod';
import { PASSPORT_TYPES } from '../../../domain/passport-kinds';
import { listNotices, markNoticesRead } from '../../notify/inbox';
import {
	listSubscriptions,
	subscribe,
	unsubscribeOwn,
	unsubscribeWithToken
} from '../../notify/subscriptions';
import { applicantProcedure, publicProcedure, router, signedInProcedure } from '../init';

export const notifyRouter = router({
	subscribe: applicantProcedure
		.input(
			z.object({
				officeCode: z.string().trim().toUpperCase().min(1).max(20),
				passportType: z.enum(PASSPORT_TYPES).nullable().default(null)
			})
		)
		.mutation(({ ctx, input }) =>
			subscribe(ctx.db, ctx.user.id, input.officeCode, input.passportType)
		),

	subscriptions: signedInProcedure.query(({ ctx }) => listSubscriptions(ctx.db, ctx.user.id)),

	unsubscribe: signedInProcedure
		.input(z.object({ id: z.uuid({ error: 'notify_subscription_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			await unsubscribeOwn(ctx.db, ctx.user.id, input.id);
			return { ok: true as const };
		}),

	/** The email link: works without a session, only with the subscription's own token. */
	unsubscribeWithToken: publicProcedure
		.input(
			z.object({
				subscriptionId: z.uuid({ error: 'notify_unsubscribe_invalid' }),
				token: z.string().min(1).max(100)
			})
		)
		.mutation(({ ctx, input }) => unsubscribeWithToken(ctx.db, input.subscriptionId, input.token)),

	notices: signedInProcedure.query(({ ctx }) => listNotices(ctx.db, ctx.user.id)),

	markRead: signedInProcedure
		.input(z.object({ ids: z.array(z.uuid()).max(100) }))
		.mutation(async ({ ctx, input }) => {
			await markNoticesRead(ctx.db, ctx.user.id, input.ids);
			return { ok: true as const };
		})
});
