import { z } from 'zod';
import { applicantProfileSchema } from '../../../domain/applicant-profile';
import {
	createApplicant,
	deleteApplicant,
	getApplicant,
	listApplicants,
	updateApplicant
} from '../../applicants';
import { todayInWib } from '../../clock';
import { applicantProcedure, router } from '../init';

const profile = applicantProfileSchema(todayInWib);
const id = z.uuid({ error: 'applicant_not_found' });

export const applicantsRouter = router({
	list: applicantProcedure.query(async ({ ctx }) => ({
		applicants: await listApplicants(ctx.db, ctx.user.id, ctx.today),
		max: ctx.config.MAX_APPLICANTS_PER_ACCOUNT
	})),

	get: applicantProcedure
		.input(z.object({ id }))
		.query(({ ctx, input }) => getApplicant(ctx.db, ctx.user.id, input.id, ctx.today)),

	create: applicantProcedure.input(profile).mutation(({ ctx, input }) =>
		createApplicant(ctx.db, ctx.user.id, input, {
			maxApplicants: ctx.config.MAX_APPLICANTS_PER_ACCOUNT,
			today: ctx.today
		})
	),

	update: applicantProcedure
		.input(z.object({ id, version: z.number().int().positive(), profile }))
		.mutation(({ ctx, input }) =>
			updateApplicant(ctx.db, ctx.user.id, input.id, input.version, input.profile, ctx.today)
		),

	delete: applicantProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
		await deleteApplicant(ctx.db, ctx.user.id, input.id);
		return { ok: true as const };
	})
});
