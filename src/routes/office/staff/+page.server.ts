import type { Actions, PageServerLoad } from './$types';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { requireOfficeAdmin } from '$lib/server/staff/page-guards';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = requireOfficeAdmin(event, '/office/staff');
	const caller = await serverCaller(event);
	const [office, members, invites] = await Promise.all([
		caller.office.current(),
		caller.staff.members(),
		caller.staff.invites()
	]);
	return { office, members, invites, me: user.id };
};

export const actions: Actions = {
	invite: async (event) => {
		const form = await event.request.formData();
		try {
			const invite = await (
				await serverCaller(event)
			).staff.invite({
				email: formText(form, 'email'),
				role: formText(form, 'role') as 'staff'
			});
			return { action: 'invite', done: true, email: invite.email };
		} catch (failure) {
			return formRefusal('invite', failure);
		}
	},

	revoke: async (event) => {
		const form = await event.request.formData();
		try {
			await (await serverCaller(event)).staff.revokeInvite({ inviteId: formText(form, 'id') });
			return { action: 'revoke', done: true };
		} catch (failure) {
			return formRefusal('revoke', failure);
		}
	},

	deactivate: async (event) => {
		const form = await event.request.formData();
		try {
			await (await serverCaller(event)).staff.deactivate({ userId: formText(form, 'id') });
			return { action: 'deactivate', done: true };
		} catch (failure) {
			return formRefusal('deactivate', failure);
		}
	}
};
