import { z } from 'zod';
import {
	acceptInviteSchema,
	inviteInputSchema,
	inviteTokenSchema
} from '../../../domain/staff-roles';
import {
	acceptInvite,
	createInvite,
	listInvites,
	previewInvite,
	revokeInvite
} from '../../staff/invites';
import { deactivateStaff, listStaff } from '../../staff/members';
import { officeAdminProcedure, publicProcedure, router } from '../init';

const inviteId = z.uuid({ error: 'invite_not_found' });

/** An office admin's own office: its staff and invitations. The office comes from the session. */
export const staffRouter = router({
	members: officeAdminProcedure.query(({ ctx }) => listStaff(ctx.db, ctx.officeId)),

	invites: officeAdminProcedure.query(({ ctx }) => listInvites(ctx.db, ctx.officeId)),

	invite: officeAdminProcedure
		.input(inviteInputSchema)
		.mutation(({ ctx, input }) =>
			createInvite(ctx.db, { ...input, officeId: ctx.officeId }, ctx.user, ctx.locale)
		),

	revokeInvite: officeAdminProcedure
		.input(z.object({ inviteId }))
		.mutation(({ ctx, input }) => revokeInvite(ctx.db, ctx.officeId, input.inviteId, ctx.user.id)),

	deactivate: officeAdminProcedure
		.input(z.object({ userId: z.uuid({ error: 'staff_not_found' }) }))
		.mutation(({ ctx, input }) =>
			deactivateStaff(ctx.db, ctx.officeId, input.userId, ctx.user.id, ['staff'])
		)
});

/** The invitation link's page: anyone holding the token, signed in or not. */
export const inviteRouter = router({
	preview: publicProcedure
		.input(z.object({ token: inviteTokenSchema }))
		.query(({ ctx, input }) => previewInvite(ctx.db, input.token, ctx.ip)),

	accept: publicProcedure.input(acceptInviteSchema).mutation(async ({ ctx, input }) => {
		const user = await acceptInvite(ctx.db, input, { ip: ctx.ip, locale: ctx.locale });
		return { email: user.email, role: user.role };
	})
});
