import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createOfficeSchema, updateOfficeSchema } from '../../domain/staff-roles';
import { announceOfficesChanged } from '../booking/workers';
import type { Db } from '../db/client';
import { offices, users } from '../db/schema';
import { AppError } from '../errors';

/** Every office with how many active office admins and staff it has, for the admin's list. */
export async function listOfficesForAdmin(db: Db) {
	const counts = db
		.select({
			officeId: users.officeId,
			admins: sql<number>`count(*) filter (where ${users.role} = 'office_admin')`
				.mapWith(Number)
				.as('admins'),
			staff: sql<number>`count(*)`.mapWith(Number).as('staff')
		})
		.from(users)
		.where(and(inArray(users.role, ['staff', 'office_admin']), isNull(users.deactivatedAt)))
		.groupBy(users.officeId)
		.as('counts');
	return db
		.select({
			id: offices.id,
			code: offices.code,
			name: offices.name,
			city: offices.city,
			provinceCode: offices.provinceCode,
			address: offices.address,
			timeZone: offices.timeZone,
			passportTypes: offices.passportTypes,
			services: offices.services,
			active: offices.active,
			createdAt: offices.createdAt,
			updatedAt: offices.updatedAt,
			officeAdmins: sql<number>`coalesce(${counts.admins}, 0)`.mapWith(Number),
			staffCount: sql<number>`coalesce(${counts.staff}, 0)`.mapWith(Number)
		})
		.from(offices)
		.leftJoin(counts, eq(counts.officeId, offices.id))
		.orderBy(asc(offices.code));
}

export async function officeForAdmin(db: Db, officeId: string) {
	const [office] = await db.select().from(offices).where(eq(offices.id, officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	return office;
}

export async function createOffice(db: Db, input: z.output<typeof createOfficeSchema>) {
	const now = new Date();
	const [created] = await db
		.insert(offices)
		.values({ ...input, settingsEditedAt: now, infoEditedAt: now })
		.onConflictDoNothing({ target: offices.code })
		.returning();
	if (!created) throw new AppError('office_code_taken', 'CONFLICT');
	await announceOfficesChanged();
	return created;
}

/** The code stays: it is in every booking number, letter and kiosk address already printed. */
export async function updateOffice(db: Db, input: z.output<typeof updateOfficeSchema>) {
	const { officeId, ...settings } = input;
	const now = new Date();
	const [updated] = await db
		.update(offices)
		.set({ ...settings, settingsEditedAt: now, infoEditedAt: now, updatedAt: now })
		.where(eq(offices.id, officeId))
		.returning();
	if (!updated) throw new AppError('office_not_found', 'NOT_FOUND');
	await announceOfficesChanged();
	return updated;
}

/**
 * An inactive office leaves the public list and takes no new bookings or invitations; its
 * history, bookings already made and staff accounts stay.
 */
export async function setOfficeActive(db: Db, officeId: string, active: boolean) {
	const [updated] = await db
		.update(offices)
		.set({ active, updatedAt: new Date() })
		.where(eq(offices.id, officeId))
		.returning({ id: offices.id, active: offices.active });
	if (!updated) throw new AppError('office_not_found', 'NOT_FOUND');
	await announceOfficesChanged();
	return updated;
}
