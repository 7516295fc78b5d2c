import { eq, sql } from 'drizzle-orm';
import { isOfficeRole, type Role } from '../domain/staff-roles';
import { hashPassword } from './auth/password';
import type { Db } from './db/client';
import { offices, users } from './db/schema';
import { AppError } from './errors';

export interface PrivilegedUserInput {
	email: string;
	fullName: string;
	phone: string;
	password: string;
	role: Exclude<Role, 'applicant'>;
	officeId?: string | null;
}

/**
 * Staff and admins are created by someone trusted (an admin, or the admin:create command),
 * so their address counts as verified from the start.
 */
export async function createPrivilegedUser(db: Db, input: PrivilegedUserInput) {
	if (isOfficeRole(input.role) && !input.officeId) throw new AppError('office_required');
	if (input.officeId) {
		const [office] = await db
			.select({ id: offices.id })
			.from(offices)
			.where(eq(offices.id, input.officeId));
		if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	}
	const [existing] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
	if (existing) throw new AppError('email_taken', 'CONFLICT');
	const [created] = await db
		.insert(users)
		.values({
			email: input.email.toLowerCase(),
			fullName: input.fullName,
			phone: input.phone,
			passwordHash: await hashPassword(input.password),
			role: input.role,
			officeId: isOfficeRole(input.role) ? input.officeId : null,
			emailVerifiedAt: new Date()
		})
		.returning({ id: users.id, email: users.email, role: users.role, officeId: users.officeId });
	return created!;
}
