import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { managesOffice } from '../../domain/staff-roles';

/** Page loads check the role on the server too: hiding a link is not a guard. */
export function requireOfficeAdmin(event: RequestEvent, path: string) {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(path)}`);
	if (!managesOffice(user.role)) error(403, 'forbidden');
	return user;
}

export function requireAdmin(event: RequestEvent, path: string) {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(path)}`);
	if (user.role !== 'admin') error(403, 'forbidden');
	return user;
}
