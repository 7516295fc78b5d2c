import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { fullName: locals.user.fullName, role: locals.user.role, email: locals.user.email }
		: null
});
