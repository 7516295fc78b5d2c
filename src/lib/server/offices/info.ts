import { and, asc, eq, gt } from 'drizzle-orm';
import type { OfficeInfo } from '../../domain/office-info';
import type { Db } from '../db/client';
import { offices, quotaReleases } from '../db/schema';
import { AppError } from '../errors';

/** The public listing: active offices, grouped by the reader into provinces or zones. */
export function listPublicOffices(db: Db) {
	return db
		.select({
			code: offices.code,
			name: offices.name,
			city: offices.city,
			provinceCode: offices.provinceCode,
			timeZone: offices.timeZone
		})
		.from(offices)
		.where(eq(offices.active, true))
		.orderBy(asc(offices.provinceCode), asc(offices.city), asc(offices.code));
}

/** Everything an applicant needs to know about one office, and its next quota release. */
export async function publicOfficeInfo(db: Db, code: string, now: Date) {
	const [office] = await db
		.select({
			id: offices.id,
			code: offices.code,
			name: offices.name,
			city: offices.city,
			address: offices.address,
			phone: offices.phone,
			whatsapp: offices.whatsapp,
			email: offices.email,
			timeZone: offices.timeZone,
			openingHours: offices.openingHours,
			socialLinks: offices.socialLinks,
			passportTypes: offices.passportTypes,
			services: offices.services,
			priorityWalkIn: offices.priorityWalkIn,
			priorityWalkInNote: offices.priorityWalkInNote
		})
		.from(offices)
		.where(and(eq(offices.code, code), eq(offices.active, true)));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	const [nextRelease] = await db
		.select({
			id: quotaReleases.id,
			label: quotaReleases.label,
			firstDate: quotaReleases.firstDate,
			lastDate: quotaReleases.lastDate,
			opensAt: quotaReleases.opensAt
		})
		.from(quotaReleases)
		.where(and(eq(quotaReleases.officeId, office.id), gt(quotaReleases.opensAt, now)))
		.orderBy(asc(quotaReleases.opensAt))
		.limit(1);
	return { office, nextRelease: nextRelease ?? null };
}

/** Saves the public page details (already checked by officeInfoInputSchema) of one office. */
export async function updateOfficeInfo(db: Db, officeId: string, info: OfficeInfo) {
	const [updated] = await db
		.update(offices)
		.set({ ...info, infoEditedAt: new Date(), updatedAt: new Date() })
		.where(eq(offices.id, officeId))
		.returning({ code: offices.code });
	if (!updated) throw new AppError('office_not_found', 'NOT_FOUND');
	return updated;
}
