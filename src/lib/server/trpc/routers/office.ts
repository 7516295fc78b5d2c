import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	emailSchema,
	passwordSchema,
	personNameSchema,
	phoneSchema
} from '../../../domain/account';
import { officeInfoInputSchema } from '../../../domain/office-info';
import { isIndonesianTimeZone } from '../../../domain/time-zones';
import { announceOfficesChanged } from '../../booking/workers';
import { now } from '../../clock';
import { offices } from '../../db/schema';
import { AppError } from '../../errors';
import { listPublicOffices, publicOfficeInfo, updateOfficeInfo } from '../../offices/info';
import { createPrivilegedUser } from '../../users';
import { adminProcedure, publicProcedure, router, staffProcedure } from '../init';

export const officeRouter = router({
	/** The staff member's own office; the office id always comes from the session, never input. */
	current: staffProcedure.query(async ({ ctx }) => {
		const [office] = await ctx.db.select().from(offices).where(eq(offices.id, ctx.officeId));
		if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
		return office;
	}),

	/** Staff edit their own office's public page; which office comes from the session. */
	updateInfo: staffProcedure
		.input(officeInfoInputSchema)
		.mutation(({ ctx, input }) => updateOfficeInfo(ctx.db, ctx.officeId, input))
});

/** Office pages anyone may read, signed in or not. */
export const officeDirectoryRouter = router({
	list: publicProcedure.query(({ ctx }) => listPublicOffices(ctx.db)),

	byCode: publicProcedure
		.input(z.object({ code: z.string().trim().toUpperCase().max(20) }))
		.query(({ ctx, input }) => publicOfficeInfo(ctx.db, input.code, now()))
});

export const adminRouter = router({
	offices: adminProcedure.query(({ ctx }) =>
		ctx.db.select().from(offices).orderBy(asc(offices.code))
	),

	createOffice: adminProcedure
		.input(
			z.object({
				code: z
					.string()
					.trim()
					.regex(/^[A-Z0-9-]{2,20}$/, { error: 'office_code_invalid' }),
				name: z.string().trim().min(3, { error: 'required' }).max(150),
				city: z.string().trim().min(2, { error: 'required' }).max(100),
				address: z.string().trim().max(300).default(''),
				timeZone: z.string().refine(isIndonesianTimeZone, { error: 'time_zone_invalid' })
			})
		)
		.mutation(async ({ ctx, input }) => {
			const [created] = await ctx.db
				.insert(offices)
				.values(input)
				.onConflictDoNothing({ target: offices.code })
				.returning();
			if (!created) throw new AppError('office_code_taken', 'CONFLICT');
			await announceOfficesChanged();
			return created;
		}),

	createStaff: adminProcedure
		.input(
			z.object({
				email: emailSchema,
				fullName: personNameSchema,
				phone: phoneSchema,
				password: passwordSchema,
				officeId: z.uuid({ error: 'office_not_found' })
			})
		)
		.mutation(({ ctx, input }) => createPrivilegedUser(ctx.db, { ...input, role: 'staff' }))
});
