import { z } from 'zod';
import { calendarInputSchema, type Month } from '../../../domain/quota-calendar';
import { releaseInputSchema, slotTemplateInputSchema } from '../../../domain/quota-release';
import {
	createRelease,
	deleteTemplate,
	generateSlots,
	listReleases,
	listTemplates,
	saveTemplate
} from '../../booking/quota';
import { officeMonthSlots } from '../../booking/quota-calendar';
import { AppError } from '../../errors';
import { scheduleQuotaNotices } from '../../queues/notify';
import { officeAdminProcedure, router, staffProcedure } from '../init';

/**
 * Staff read their office's timetable and quota releases; the office admin defines them.
 * Always for their own office.
 */
export const quotaRouter = router({
	templates: staffProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.officeId)),

	saveTemplate: officeAdminProcedure
		.input(slotTemplateInputSchema)
		.mutation(({ ctx, input }) => saveTemplate(ctx.db, ctx.officeId, input)),

	deleteTemplate: officeAdminProcedure
		.input(z.object({ id: z.uuid({ error: 'template_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			await deleteTemplate(ctx.db, ctx.officeId, input.id);
			return { ok: true as const };
		}),

	releases: staffProcedure.query(({ ctx }) => listReleases(ctx.db, ctx.officeId)),

	createRelease: officeAdminProcedure.input(releaseInputSchema).mutation(async ({ ctx, input }) => {
		const release = await createRelease(ctx.db, ctx.officeId, ctx.user.id, input);
		// Subscribers hear of it now and again shortly before it opens.
		await scheduleQuotaNotices(release);
		return release;
	}),

	generateSlots: officeAdminProcedure
		.input(z.object({ releaseId: z.uuid({ error: 'release_not_found' }) }))
		.mutation(({ ctx, input }) => generateSlots(ctx.db, ctx.officeId, input.releaseId)),

	/** A month of the office's slots with paid, held and free seats; only for its own staff. */
	calendar: staffProcedure.input(calendarInputSchema).query(({ ctx, input }) => {
		if (input.officeId !== ctx.officeId) throw new AppError('forbidden', 'FORBIDDEN');
		return officeMonthSlots(ctx.db, ctx.officeId, input.month as Month);
	})
});
