import type { Actions, PageServerLoad } from './$types';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { officeSettingsFromForm } from '$lib/server/staff/office-form';
import { requireAdmin } from '$lib/server/staff/page-guards';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = requireAdmin(event, `/admin/offices/${event.params.id}`);
	const view = await (await serverCaller(event)).admin.office({ officeId: event.params.id });
	return { ...view, me: user.id };
};

export const actions: Actions = {
	update: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).admin.updateOffice({ officeId: event.params.id, ...officeSettingsFromForm(form) });
			return { action: 'update', done: true };
		} catch (failure) {
			return formRefusal('update', failure);
		}
	},

	setActive: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).admin.setOfficeActive({
				officeId: event.params.id,
				active: formText(form, 'active') === 'true'
			});
			return { action: 'setActive', done: true };
		} catch (failure) {
			return formRefusal('setActive', failure);
		}
	},

	invite: async (event) => {
		const form = await event.request.formData();
		try {
			const invite = await (
				await serverCaller(event)
			).admin.inviteOfficeAdmin({ officeId: event.params.id, email: formText(form, 'email') });
			return { action: 'invite', done: true, email: invite.email };
		} catch (failure) {
			return formRefusal('invite', failure);
		}
	},

	revoke: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).admin.revokeInvite({ officeId: event.params.id, inviteId: formText(form, 'id') });
			return { action: 'revoke', done: true };
		} catch (failure) {
			return formRefusal('revoke', failure);
		}
	},

	deactivate: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).admin.deactivateStaff({ officeId: event.params.id, userId: formText(form, 'id') });
			return { action: 'deactivate', done: true };
		} catch (failure) {
			return formRefusal('deactivate', failure);
		}
	}
};
