import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { datesFromTo, isoWeekday, officeInstant, officeLocalDate } from '../../domain/office-time';
import {
	windowsOverlap,
	type ReleaseInput,
	type SlotTemplateInput
} from '../../domain/quota-release';
import type { Db } from '../db/client';
import { offices, quotaReleases, slots, slotTemplates } from '../db/schema';
import { AppError } from '../errors';
import { forgetRelease } from './releases';

/**
 * Office staff's side of quota: the weekly timetable (slot templates), quota releases and the
 * slots generated from them. Every function takes the office id from the session, never from
 * input, and scopes every read and write to it.
 */

async function officeOf(db: Db, officeId: string) {
	const [office] = await db.select().from(offices).where(eq(offices.id, officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	return office;
}

export function listTemplates(db: Db, officeId: string) {
	return db
		.select()
		.from(slotTemplates)
		.where(eq(slotTemplates.officeId, officeId))
		.orderBy(
			asc(slotTemplates.weekday),
			asc(slotTemplates.startTime),
			asc(slotTemplates.passportType)
		);
}

/** Adds a timetable line, or changes the end and seats of the same line. */
export async function saveTemplate(db: Db, officeId: string, input: SlotTemplateInput) {
	const office = await officeOf(db, officeId);
	if (
		!office.passportTypes.includes(input.passportType) ||
		!office.services.includes(input.service)
	) {
		throw new AppError('office_does_not_offer', 'CONFLICT');
	}
	const [row] = await db
		.insert(slotTemplates)
		.values({ ...input, officeId })
		.onConflictDoUpdate({
			target: [
				slotTemplates.officeId,
				slotTemplates.weekday,
				slotTemplates.startTime,
				slotTemplates.passportType,
				slotTemplates.service
			],
			set: { endTime: input.endTime, capacity: input.capacity }
		})
		.returning();
	return row!;
}

export async function deleteTemplate(db: Db, officeId: string, templateId: string) {
	const deleted = await db
		.delete(slotTemplates)
		.where(and(eq(slotTemplates.id, templateId), eq(slotTemplates.officeId, officeId)))
		.returning({ id: slotTemplates.id });
	if (deleted.length === 0) throw new AppError('template_not_found', 'NOT_FOUND');
}

export async function listReleases(db: Db, officeId: string) {
	return db
		.select({
			id: quotaReleases.id,
			label: quotaReleases.label,
			firstDate: quotaReleases.firstDate,
			lastDate: quotaReleases.lastDate,
			opensAt: quotaReleases.opensAt,
			admissionRate: quotaReleases.admissionRate,
			// Written out in SQL: the correlated subqueries need qualified column names.
			slotCount: sql<number>`(select count(*)::int from slots s where s.release_id = quota_releases.id)`,
			capacity: sql<number>`(select coalesce(sum(s.capacity), 0)::int from slots s where s.release_id = quota_releases.id)`,
			booked: sql<number>`(select coalesce(sum(s.booked), 0)::int from slots s where s.release_id = quota_releases.id)`
		})
		.from(quotaReleases)
		.where(eq(quotaReleases.officeId, officeId))
		.orderBy(desc(quotaReleases.firstDate));
}

/**
 * Creates a release and its slots from the timetable. Releases of one office never overlap;
 * the office row is locked so two staff members cannot create overlapping ones at once.
 */
export async function createRelease(
	db: Db,
	officeId: string,
	createdBy: string,
	input: ReleaseInput,
	now = new Date()
) {
	const office = await officeOf(db, officeId);
	if (input.firstDate < officeLocalDate(now, office.timeZone)) {
		throw new AppError('release_in_past', 'BAD_REQUEST');
	}
	if (
		input.opensAt.getTime() >= officeInstant(input.lastDate, '00:00', office.timeZone).getTime()
	) {
		throw new AppError('release_opens_too_late', 'BAD_REQUEST');
	}
	return db.transaction(async (tx) => {
		await tx.select({ id: offices.id }).from(offices).where(eq(offices.id, officeId)).for('update');
		const existing = await tx
			.select({
				firstDate: quotaReleases.firstDate,
				lastDate: quotaReleases.lastDate,
				opensAt: quotaReleases.opensAt
			})
			.from(quotaReleases)
			.where(eq(quotaReleases.officeId, officeId));
		if (existing.some((release) => windowsOverlap(release, input))) {
			throw new AppError('release_overlaps', 'CONFLICT');
		}
		const [release] = await tx
			.insert(quotaReleases)
			.values({ ...input, officeId, createdBy })
			.returning();
		const created = await generateSlotsIn(tx as unknown as Db, office, release!);
		return { ...release!, slotsCreated: created };
	});
}

/** Adds the slots the timetable now has for the release's dates; existing slots stay as they are. */
export async function generateSlots(db: Db, officeId: string, releaseId: string) {
	const office = await officeOf(db, officeId);
	const [release] = await db
		.select()
		.from(quotaReleases)
		.where(and(eq(quotaReleases.id, releaseId), eq(quotaReleases.officeId, officeId)));
	if (!release) throw new AppError('release_not_found', 'NOT_FOUND');
	const created = await generateSlotsIn(db, office, release);
	forgetRelease(releaseId);
	return { slotsCreated: created };
}

async function generateSlotsIn(
	db: Db,
	office: { id: string; timeZone: string },
	release: { id: string; firstDate: string; lastDate: string }
): Promise<number> {
	const templates = await listTemplates(db, office.id);
	const rows = datesFromTo(release.firstDate, release.lastDate).flatMap((date) => {
		const weekday = isoWeekday(date);
		return templates
			.filter((template) => template.weekday === weekday)
			.map((template) => ({
				officeId: office.id,
				releaseId: release.id,
				date,
				startTime: template.startTime,
				endTime: template.endTime,
				startsAt: officeInstant(date, template.startTime, office.timeZone),
				endsAt: officeInstant(date, template.endTime, office.timeZone),
				passportType: template.passportType,
				service: template.service,
				capacity: template.capacity
			}));
	});
	let created = 0;
	for (let start = 0; start < rows.length; start += 1_000) {
		const inserted = await db
			.insert(slots)
			.values(rows.slice(start, start + 1_000))
			.onConflictDoNothing()
			.returning({ id: slots.id });
		created += inserted.length;
	}
	return created;
}

/** Sets an admission rate for a release's room (admins); null returns to the default. */
export async function setReleaseAdmissionRate(db: Db, releaseId: string, rate: number | null) {
	const updated = await db
		.update(quotaReleases)
		.set({ admissionRate: rate })
		.where(eq(quotaReleases.id, releaseId))
		.returning({ id: quotaReleases.id });
	if (updated.length === 0) throw new AppError('release_not_found', 'NOT_FOUND');
	forgetRelease(releaseId);
}
