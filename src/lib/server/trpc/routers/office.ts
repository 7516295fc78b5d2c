import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	emailSchema,
	passwordSchema,
	personNameSchema,
	phoneSchema
} from '../../../domain/account';
import { officeInfoInputSchema } from '../../../domain/office-info';
import { createOfficeSchema, OFFICE_ROLES, updateOfficeSchema } from '../../../domain/staff-roles';
import { now } from '../../clock';
import { offices } from '../../db/schema';
import { AppError } from '../../errors';
import {
	createOffice,
	listOfficesForAdmin,
	officeForAdmin,
	setOfficeActive,
	updateOffice
} from '../../offices/admin';
import { officeAdviceFigures } from '../../offices/advice';
import { listPublicOffices, publicOfficeInfo, updateOfficeInfo } from '../../offices/info';
import { createInvite, listInvites, revokeInvite } from '../../staff/invites';
import { deactivateStaff, listStaff } from '../../staff/members';
import { createPrivilegedUser } from '../../users';
import {
	adminProcedure,
	officeAdminProcedure,
	publicProcedure,
	router,
	staffProcedure
} from '../init';

const officeId = z.uuid({ error: 'office_not_found' });

export const officeRouter = router({
	/** The staff member's own office; the office id always comes from the session, never input. */
	current: staffProcedure.query(async ({ ctx }) => {
		const [office] = await ctx.db.select().from(offices).where(eq(offices.id, ctx.officeId));
		if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
		return office;
	}),

	/** The office admin edits their own office's public page; which office comes from the session. */
	updateInfo: officeAdminProcedure
		.input(officeInfoInputSchema)
		.mutation(({ ctx, input }) => updateOfficeInfo(ctx.db, ctx.officeId, input))
});

/** Office pages anyone may read, signed in or not. */
export const officeDirectoryRouter = router({
	list: publicProcedure.query(({ ctx }) => listPublicOffices(ctx.db)),

	byCode: publicProcedure
		.input(z.object({ code: z.string().trim().toUpperCase().max(20) }))
		.query(async ({ ctx, input }) => {
			const at = now();
			const page = await publicOfficeInfo(ctx.db, input.code, at);
			return { ...page, advice: await officeAdviceFigures(ctx.db, page.office, at) };
		})
});

export const adminRouter = router({
	offices: adminProcedure.query(({ ctx }) => listOfficesForAdmin(ctx.db)),

	office: adminProcedure.input(z.object({ officeId })).query(async ({ ctx, input }) => {
		const [office, staff, invites] = await Promise.all([
			officeForAdmin(ctx.db, input.officeId),
			listStaff(ctx.db, input.officeId),
			listInvites(ctx.db, input.officeId)
		]);
		return { office, staff, invites };
	}),

	createOffice: adminProcedure
		.input(createOfficeSchema)
		.mutation(({ ctx, input }) => createOffice(ctx.db, input)),

	updateOffice: adminProcedure
		.input(updateOfficeSchema)
		.mutation(({ ctx, input }) => updateOffice(ctx.db, input)),

	setOfficeActive: adminProcedure
		.input(z.object({ officeId, active: z.boolean() }))
		.mutation(({ ctx, input }) => setOfficeActive(ctx.db, input.officeId, input.active)),

	/** An admin appoints an office's admins by invitation, into any office. */
	inviteOfficeAdmin: adminProcedure
		.input(z.object({ officeId, email: emailSchema }))
		.mutation(({ ctx, input }) =>
			createInvite(ctx.db, { ...input, role: 'office_admin' }, ctx.user, ctx.locale)
		),

	revokeInvite: adminProcedure
		.input(z.object({ officeId, inviteId: z.uuid({ error: 'invite_not_found' }) }))
		.mutation(({ ctx, input }) =>
			revokeInvite(ctx.db, input.officeId, input.inviteId, ctx.user.id)
		),

	/** The admin can remove anyone from an office, its office admins included. */
	deactivateStaff: adminProcedure
		.input(z.object({ officeId, userId: z.uuid({ error: 'staff_not_found' }) }))
		.mutation(({ ctx, input }) =>
			deactivateStaff(ctx.db, input.officeId, input.userId, ctx.user.id, OFFICE_ROLES)
		),

	/** Direct creation with a password, kept for scripted setups; invitations are the normal way. */
	createStaff: adminProcedure
		.input(
			z.object({
				email: emailSchema,
				fullName: personNameSchema,
				phone: phoneSchema,
				password: passwordSchema,
				officeId
			})
		)
		.mutation(({ ctx, input }) => createPrivilegedUser(ctx.db, { ...input, role: 'staff' }))
});
