import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { officeSettingsFromForm } from '$lib/server/staff/office-form';
import { requireAdmin } from '$lib/server/staff/page-guards';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event, '/admin/offices');
	return { offices: await (await serverCaller(event)).admin.offices() };
};

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		let created: { id: string };
		try {
			created = await (
				await serverCaller(event)
			).admin.createOffice({ code: formText(form, 'code'), ...officeSettingsFromForm(form) });
		} catch (failure) {
			return formRefusal('create', failure);
		}
		redirect(303, `/admin/offices/${created.id}`);
	}
};
