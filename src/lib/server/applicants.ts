import { and, asc, count, eq } from 'drizzle-orm';
import { applicantCategory } from '../domain/applicant-category';
import type { ApplicantProfile } from '../domain/applicant-profile';
import type { Db } from './db/client';
import { applicants, users } from './db/schema';
import { AppError } from './errors';

type ApplicantRow = typeof applicants.$inferSelect;

export function toApplicantView(row: ApplicantRow, today: string) {
	const { accountId: _accountId, ...rest } = row;
	return {
		...rest,
		category: applicantCategory(
			{ birthDate: row.birthDate, maritalStatus: row.maritalStatus },
			today
		)
	};
}

export type ApplicantView = ReturnType<typeof toApplicantView>;

function constraintOf(error: unknown): string | undefined {
	const direct = error as { constraint_name?: string; constraint?: string; cause?: unknown };
	const cause = direct.cause as { constraint_name?: string; constraint?: string } | undefined;
	return direct.constraint_name ?? direct.constraint ?? cause?.constraint_name ?? cause?.constraint;
}

function translateConstraint(error: unknown): never {
	if (constraintOf(error) === 'applicants_account_nik_unique') throw new AppError('nik_duplicate');
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
	limits: { maxApplicants: number; today: string }
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
				.values({ ...profile, accountId })
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
				.select({ version: applicants.version })
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
			const [row] = await tx
				.update(applicants)
				.set({ ...profile, version: current.version + 1, updatedAt: new Date() })
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
