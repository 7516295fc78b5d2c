import type { InviteState } from './domain/staff-roles';
import { getLocale } from './paraglide/runtime.js';
import * as m from './paraglide/messages.js';

export const roleNames: Record<string, () => string> = {
	applicant: m.staff_role_applicant,
	staff: m.staff_role_staff,
	office_admin: m.staff_role_office_admin,
	admin: m.staff_role_admin
};

export const inviteStateNames: Record<InviteState, () => string> = {
	pending: m.staff_invite_pending,
	accepted: m.staff_invite_accepted,
	revoked: m.staff_invite_revoked,
	expired: m.staff_invite_expired
};

/** A moment for an audit list: date and time in WIB, the zone named, in the reader's language. */
export function auditTime(at: Date | string): string {
	const text = new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'id-ID', {
		timeZone: 'Asia/Jakarta',
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(new Date(at));
	return `${text} WIB`;
}
