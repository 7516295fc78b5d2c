import { pushInputSchema } from '../../../sync-protocol';
import { pullAccount } from '../../sync/pull';
import { applyMutation } from '../../sync/push';
import { applicantProcedure, router } from '../init';

export const syncRouter = router({
	/** The outbox's changes, applied in the order sent, each exactly once. */
	push: applicantProcedure.input(pushInputSchema).mutation(async ({ ctx, input }) => {
		const context = {
			accountId: ctx.user.id,
			today: ctx.today,
			maxApplicants: ctx.config.MAX_APPLICANTS_PER_ACCOUNT
		};
		const results = [];
		// In order: a new applicant must exist before the application made for them.
		for (const mutation of input.mutations) {
			results.push(await applyMutation(ctx.db, context, mutation));
		}
		return { results };
	}),

	pull: applicantProcedure.query(({ ctx }) =>
		pullAccount(ctx.db, ctx.user.id, {
			today: ctx.today,
			maxApplicants: ctx.config.MAX_APPLICANTS_PER_ACCOUNT
		})
	)
});
