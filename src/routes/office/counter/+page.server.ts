import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { isOfficeRole } from '$lib/domain/staff-roles';
import { formRefusal, formText } from '$lib/server/office-floor/form-actions';
import { serverCaller } from '$lib/server/trpc/request-context';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent('/office/counter')}`);
	if (!isOfficeRole(user.role)) error(403, 'forbidden');
	const caller = await serverCaller(event);
	const [office, overview] = await Promise.all([caller.office.current(), caller.floor.overview()]);
	return { office, overview };
};

type Caller = Awaited<ReturnType<typeof serverCaller>>;

/** One counter action: reads the form, runs the procedure, answers with the refusal if any. */
function counterAction(
	action: string,
	run: (caller: Caller, counterId: string, form: FormData) => Promise<unknown>
) {
	return async (event: RequestEvent) => {
		const form = await event.request.formData();
		const counterId = formText(form, 'counterId');
		try {
			await run(await serverCaller(event), counterId, form);
			return { action, counterId, done: true };
		} catch (failure) {
			return formRefusal(action, failure);
		}
	};
}

export const actions: Actions = {
	open: async (event) => {
		const form = await event.request.formData();
		try {
			await (
				await serverCaller(event)
			).floor.openCounter({
				number: Number(formText(form, 'number')),
				name: formText(form, 'name')
			});
			return { action: 'open', done: true };
		} catch (failure) {
			return formRefusal('open', failure);
		}
	},
	close: counterAction('close', (caller, counterId) => caller.floor.closeCounter({ counterId })),
	callNext: counterAction('callNext', (caller, counterId) => caller.floor.callNext({ counterId })),
	recall: counterAction('recall', (caller, counterId) => caller.floor.recall({ counterId })),
	finish: counterAction('finish', (caller, counterId, form) =>
		caller.floor.finish({ counterId, ending: formText(form, 'ending') as 'done' })
	),
	step: counterAction('step', (caller, counterId, form) =>
		caller.floor.startStep({ counterId, step: formText(form, 'step') as 'interview' })
	)
};
