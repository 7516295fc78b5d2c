import { and, asc, count, eq } from 'drizzle-orm';
import { applicantCategory } from '../domain/applicant-category';
import { sameValue } from '../domain/field-merge';
import type { ApplicantProfile } from '../domain/applicant-profile';
import type { Db } from './db/client';
import { violatedConstraint } from './db/constraints';
import { applicants, users } from './db/schema';
import { AppError } from './errors';

type ApplicantRow = typeof applicants.$inferSelect;

export function toApplicantView(row: ApplicantRow, today: string) {
	const { accountId: _accountId, fieldVersions: _fieldVersions, ...rest } = row;
	return {
		...rest,
		category: applicantCategory(
			{ birthDate: row.birthDate, maritalStatus: row.maritalStatus },
			today
		)
	};
}

export type ApplicantView = ReturnType<typeof toApplicantView>;

function translateConstraint(error: unknown): never {
	const constraint = violatedConstraint(error);
	if (constraint === 'applicants_account_nik_unique') throw new AppError('nik_duplicate');
	// An id the browser made up that another account already uses: not this account's to touch.
	if (constraint === 'applicants_pkey') throw new AppError('applicant_not_found', 'NOT_FOUND');
	throw error;
}

export async function listApplicants(db: Db, accountId: string, today: string) {
	const rows = await db
		.select()
		.from(applicants)
		.where(eq(applicants.accountId, accountId))
		.orderBy(asc(applicants.createdAt));
	return rows.map((row) => toApplicantView(row, today));
}

export async function getApplicant(db: Db, accountId: string, id: string, today: string) {
	const [row] = await db
		.select()
		.from(applicants)
		.where(and(eq(applicants.id, id), eq(applicants.accountId, accountId)));
	// Someone else's applicant reads as "not found": its existence is not ours to reveal.
	if (!row) throw new AppError('applicant_not_found', 'NOT_FOUND');
	return toApplicantView(row, today);
}

async function assertSingleAccountHolder(db: Db, accountId: string, exceptId?: string) {
	const holders = await db
		.select({ id: applicants.id })
		.from(applicants)
		.where(and(eq(applicants.accountId, accountId), eq(applicants.isAccountHolder, true)));
	if (holders.some((holder) => holder.id !== exceptId)) {
		throw new AppError('account_holder_exists');
	}
}

export async function createApplicant(
	db: Db,
	accountId: string,
	profile: ApplicantProfile,
	limits: { maxApplicants: number; today: string },
	/** The browser's id for an applicant it created offline; new otherwise. */
	id?: string
) {
	try {
		return await db.transaction(async (tx) => {
			// Locking the account row makes concurrent additions queue up behind each other, so
			// two requests at the limit cannot both pass the count.
			await tx.select({ id: users.id }).from(users).where(eq(users.id, accountId)).for('update');
			const [{ total } = { total: 0 }] = await tx
				.select({ total: count() })
				.from(applicants)
				.where(eq(applicants.accountId, accountId));
			if (total >= limits.maxApplicants) {
				throw new AppError('applicant_limit', 'FORBIDDEN', { max: limits.maxApplicants });
			}
			if (profile.isAccountHolder) await assertSingleAccountHolder(tx as unknown as Db, accountId);
			const [row] = await tx
				.insert(applicants)
				.values({ ...profile, accountId, ...(id ? { id } : {}) })
				.returning();
			return toApplicantView(row!, limits.today);
		});
	} catch (error) {
		return translateConstraint(error);
	}
}

export async function updateApplicant(
	db: Db,
	accountId: string,
	id: string,
	expectedVersion: number,
	profile: ApplicantProfile,
	today: string
) {
	try {
		return await db.transaction(async (tx) => {
			const [current] = await tx
				.select()
				.from(applicants)
				.where(and(eq(applicants.id, id), eq(applicants.accountId, accountId)))
				.for('update');
			if (!current) throw new AppError('applicant_not_found', 'NOT_FOUND');
			if (current.version !== expectedVersion) {
				throw new AppError('applicant_conflict', 'CONFLICT', { serverVersion: current.version });
			}
			if (profile.isAccountHolder) {
				await assertSingleAccountHolder(tx as unknown as Db, accountId, id);
			}
			const version = current.version + 1;
			const fieldVersions = { ...current.fieldVersions };
			for (const field of PROFILE_FIELDS) {
				if (!sameValue(current[field], profile[field])) fieldVersions[field] = version;
			}
			const [row] = await tx
				.update(applicants)
				.set({ ...profile, version, fieldVersions, updatedAt: new Date() })
				.where(eq(applicants.id, id))
				.returning();
			return toApplicantView(row!, today);
		});
	} catch (error) {
		return translateConstraint(error);
	}
}

export async function deleteApplicant(db: Db, accountId: string, id: string): Promise<void> {
	const deleted = await db
		.delete(applicants)
		.where(and(eq(applicants.id, id), eq(applicants.accountId, accountId)))
		.returning({ id: applicants.id });
	if (deleted.length === 0) throw new AppError('applicant_not_found', 'NOT_FOUND');
}

/** The fields of a profile as the person edits them; the rest of the row is bookkeeping. */
export const PROFILE_FIELDS = [
	'nik',
	'fullName',
	'birthPlace',
	'birthDate',
	'sex',
	'maritalStatus',
	'occupation',
	'provinceCode',
	'regency',
	'district',
	'address',
	'phone',
	'email',
	'motherName',
	'fatherName',
	'isAccountHolder'
] as const satisfies readonly (keyof ApplicantProfile)[];

export function profileOf(row: ApplicantRow): Record<string, unknown> {
	return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, row[field]]));
}
