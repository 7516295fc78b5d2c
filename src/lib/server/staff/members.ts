import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { OFFICE_ROLES, type OfficeRole } from '../../domain/staff-roles';
import { revokeAllSessions } from '../auth/sessions';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';

/** The staff and office admins of one office, active ones first. */
export async function listStaff(db: Db, officeId: string) {
	const rows = await db
		.select({
			id: users.id,
			email: users.email,
			fullName: users.fullName,
			role: users.role,
			createdAt: users.createdAt,
			deactivatedAt: users.deactivatedAt
		})
		.from(users)
		.where(and(eq(users.officeId, officeId), inArray(users.role, [...OFFICE_ROLES])))
		.orderBy(asc(users.fullName));
	return rows.sort((a, b) => Number(!!a.deactivatedAt) - Number(!!b.deactivatedAt));
}

/**
 * Ends a staff member's access to the office: every session is revoked at once and signing
 * in is refused from then on. Their name stays on the history they made.
 */
export async function deactivateStaff(
	db: Db,
	officeId: string,
	staffId: string,
	actorId: string,
	/** Office admins end staff accounts only; the admin ends office admins too. */
	roles: readonly OfficeRole[],
	now = new Date()
) {
	// An office admin who deactivated themself would leave the office with nobody to manage it.
	if (staffId === actorId) throw new AppError('staff_cannot_deactivate_self');
	const [member] = await db
		.update(users)
		.set({ deactivatedAt: now, deactivatedBy: actorId, updatedAt: now })
		.where(
			and(
				eq(users.id, staffId),
				eq(users.officeId, officeId),
				inArray(users.role, [...roles]),
				isNull(users.deactivatedAt)
			)
		)
		.returning({ id: users.id, deactivatedAt: users.deactivatedAt });
	if (!member) throw new AppError('staff_not_found', 'NOT_FOUND');
	await revokeAllSessions(db, member.id);
	return member;
}
