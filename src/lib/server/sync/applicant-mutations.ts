import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { applicantProfileSchema } from '../../domain/applicant-profile';
import { mergeFields, sameValue, type FieldMergeResult } from '../../domain/field-merge';
import type { Mutation } from '../../sync-protocol';
import { createApplicant, PROFILE_FIELDS, profileOf } from '../applicants';
import { applicants, applications } from '../db/schema';
import { AppError } from '../errors';
import type { MutationOutcome, SyncContext } from './context';
import { parseOrRefuse, pickKnownFields } from './fields';
import { toServerApplicant } from './records';

function profileSchema(today: string) {
	return applicantProfileSchema(() => today);
}

async function lockedApplicant(ctx: SyncContext, id: string) {
	const [row] = await ctx.tx
		.select()
		.from(applicants)
		.where(and(eq(applicants.id, id), eq(applicants.accountId, ctx.accountId)))
		.for('update');
	return row;
}

export async function saveApplicant(
	ctx: SyncContext,
	mutation: Mutation
): Promise<MutationOutcome> {
	const patch = pickKnownFields(mutation.fields, PROFILE_FIELDS);
	const row = await lockedApplicant(ctx, mutation.entityId);

	if (!row) {
		// A change to a record the server once confirmed means it was deleted elsewhere since.
		if (mutation.baseVersion > 0) throw new AppError('applicant_deleted', 'NOT_FOUND');
		const profile = parseOrRefuse(profileSchema(ctx.today), patch);
		const created = await createApplicant(
			ctx.tx,
			ctx.accountId,
			profile,
			{ maxApplicants: ctx.maxApplicants, today: ctx.today },
			mutation.entityId
		);
		const [fresh] = await ctx.tx.select().from(applicants).where(eq(applicants.id, created.id));
		return { status: 'applied', entity: 'applicant', record: toServerApplicant(fresh!, ctx.today) };
	}

	const current = profileOf(row);
	const schema = profileSchema(ctx.today);
	const candidate: Record<string, unknown> = parseOrRefuse(schema, { ...current, ...patch });
	// Compare in the stored form (normalised NIK and phone), not as typed.
	const normalisedPatch = Object.fromEntries(
		Object.keys(patch).map((field) => [field, candidate[field]])
	);
	let merge: FieldMergeResult = mergeFields({
		current,
		fieldVersions: row.fieldVersions,
		version: row.version,
		baseVersion: mutation.baseVersion,
		patch: normalisedPatch
	});
	// Keeping someone else's value for one field can make the profile contradict itself (a NIK
	// that no longer matches the birth date): then nothing applies and the person decides.
	if (merge.conflicts.length > 0 && !schema.safeParse(merge.next).success) {
		merge = {
			next: current,
			nextFieldVersions: row.fieldVersions,
			nextVersion: row.version,
			applied: [],
			conflicts: Object.entries(normalisedPatch)
				.filter(([field, value]) => !sameValue(current[field], value))
				.map(([field]) => ({ field, theirs: current[field] ?? null }))
		};
	}

	let saved = row;
	if (merge.applied.length > 0) {
		if (merge.next.isAccountHolder === true && !row.isAccountHolder) {
			const holders = await ctx.tx
				.select({ id: applicants.id })
				.from(applicants)
				.where(and(eq(applicants.accountId, ctx.accountId), eq(applicants.isAccountHolder, true)));
			if (holders.length > 0) throw new AppError('account_holder_exists');
		}
		const [updated] = await ctx.tx
			.update(applicants)
			.set({
				...(merge.next as Partial<typeof applicants.$inferInsert>),
				version: merge.nextVersion,
				fieldVersions: merge.nextFieldVersions,
				updatedAt: new Date()
			})
			.where(eq(applicants.id, row.id))
			.returning();
		saved = updated!;
	}
	const record = toServerApplicant(saved, ctx.today);
	if (merge.conflicts.length > 0) {
		return { status: 'conflict', entity: 'applicant', record, conflicts: merge.conflicts };
	}
	return { status: 'applied', entity: 'applicant', record };
}

/** Deleting a person also removes their unfinished drafts; anything booked or paid stays. */
export async function deleteApplicantWithDrafts(
	ctx: SyncContext,
	mutation: Mutation
): Promise<MutationOutcome> {
	const row = await lockedApplicant(ctx, mutation.entityId);
	if (!row) return { status: 'applied', entity: 'applicant', record: null };
	const active = await ctx.tx
		.select({ id: applications.id })
		.from(applications)
		.where(
			and(
				eq(applications.applicantId, row.id),
				notInArray(applications.status, ['draft', 'submitted', 'cancelled'])
			)
		);
	if (active.length > 0) throw new AppError('applicant_has_application', 'CONFLICT');
	await ctx.tx
		.delete(applications)
		.where(
			and(
				eq(applications.applicantId, row.id),
				inArray(applications.status, ['draft', 'submitted', 'cancelled'])
			)
		);
	await ctx.tx.delete(applicants).where(eq(applicants.id, row.id));
	return { status: 'applied', entity: 'applicant', record: null };
}
