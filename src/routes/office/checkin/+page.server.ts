import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isOfficeRole } from '$lib/domain/staff-roles';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office/checkin')}`);
	if (!isOfficeRole(user.role)) error(403, 'forbidden');
	const caller = await serverCaller(event);
	const [office, overview] = await Promise.all([caller.office.current(), caller.floor.overview()]);
	return { office, overview };
};

export const actions: Actions = {
	checkIn: async (event) => {
		const form = await event.request.formData();
		try {
			const result = await (
				await serverCaller(event)
			).floor.checkIn({ applicationNumber: formText(form, 'applicationNumber') });
			return { action: 'checkIn', checkedIn: result };
		} catch (failure) {
			return formRefusal('checkIn', failure);
		}
	},

	checkInReceipt: async (event) => {
		const form = await event.request.formData();
		try {
			const result = await (
				await serverCaller(event)
			).floor.checkInReceipt({ token: formText(form, 'token') });
			return { action: 'checkInReceipt', checkedIn: result };
		} catch (failure) {
			return formRefusal('checkInReceipt', failure);
		}
	},

	issuePriority: async (event) => {
		const form = await event.request.formData();
		try {
			const ticket = await (
				await serverCaller(event)
			).floor.issuePriority({ reason: formText(form, 'reason') as 'elderly' });
			return { action: 'issuePriority', ticket };
		} catch (failure) {
			return formRefusal('issuePriority', failure);
		}
	},

	setQuota: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).floor.setPriorityQuota({ quota: Number(formText(form, 'quota')) });
			return { action: 'setQuota', saved: true };
		} catch (failure) {
			return formRefusal('setQuota', failure);
		}
	}
};
