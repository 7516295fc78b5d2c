import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
	APPLICATION_FORM_FIELDS,
	applicationDraftSchema,
	submitApplicationSchema
} from '../../domain/application-form';
import { applicationProgress } from '../../domain/application-progress';
import { mergeFields } from '../../domain/field-merge';
import type { Mutation } from '../../sync-protocol';
import { violatedConstraint } from '../db/constraints';
import { applicants, applications } from '../db/schema';
import { currentDocumentTypes } from './document-types';
import { AppError } from '../errors';
import { validate } from '../../forms';
import type { MutationOutcome, SyncContext } from './context';
import { parseOrRefuse, pickKnownFields } from './fields';
import { toServerApplication } from './records';

const draftPatchSchema = applicationDraftSchema.partial();

/** Statuses in which the person may still change the application or withdraw it. */
const EDITABLE = ['draft'] as const;
const WITHDRAWABLE = ['draft', 'submitted'] as const;

async function lockedApplication(ctx: SyncContext, id: string) {
	const [row] = await ctx.tx
		.select()
		.from(applications)
		.where(and(eq(applications.id, id), eq(applications.accountId, ctx.accountId)))
		.for('update');
	return row;
}

async function ownApplicant(ctx: SyncContext, applicantId: unknown) {
	if (typeof applicantId !== 'string') throw new AppError('applicant_not_found', 'NOT_FOUND');
	const [row] = await ctx.tx
		.select()
		.from(applicants)
		.where(and(eq(applicants.id, applicantId), eq(applicants.accountId, ctx.accountId)));
	if (!row) throw new AppError('applicant_not_found', 'NOT_FOUND');
	return row;
}

function refuseLocked(row: typeof applications.$inferSelect): never {
	throw new AppError('application_locked', 'CONFLICT', { status: row.status });
}

async function createDraft(ctx: SyncContext, mutation: Mutation): Promise<MutationOutcome> {
	const { applicantId, ...formFields } = mutation.fields;
	const applicant = await ownApplicant(ctx, applicantId);
	const form = parseOrRefuse(
		draftPatchSchema,
		pickKnownFields(formFields, APPLICATION_FORM_FIELDS)
	) as Record<string, unknown>;
	const fieldVersions = Object.fromEntries(Object.keys(form).map((field) => [field, 1]));
	try {
		// A savepoint, so a refused insert leaves the surrounding transaction usable.
		const [row] = await ctx.tx.transaction((savepoint) =>
			savepoint
				.insert(applications)
				.values({
					id: mutation.entityId,
					accountId: ctx.accountId,
					applicantId: applicant.id,
					form,
					fieldVersions
				})
				.returning()
		);
		return { status: 'applied', entity: 'application', record: toServerApplication(row!) };
	} catch (error) {
		const constraint = violatedConstraint(error);
		if (constraint === 'applications_one_active_per_applicant') {
			const [existing] = await ctx.tx
				.select({ id: applications.id })
				.from(applications)
				.where(eq(applications.applicantId, applicant.id));
			throw new AppError('application_exists', 'CONFLICT', { existingId: existing?.id ?? null });
		}
		if (constraint === 'applications_pkey') {
			throw new AppError('application_not_found', 'NOT_FOUND');
		}
		throw error;
	}
}

export async function saveApplication(
	ctx: SyncContext,
	mutation: Mutation
): Promise<MutationOutcome> {
	const row = await lockedApplication(ctx, mutation.entityId);
	if (!row) {
		if (mutation.baseVersion > 0) throw new AppError('application_deleted', 'NOT_FOUND');
		return createDraft(ctx, mutation);
	}
	const { applicantId, ...formFields } = mutation.fields;
	if (applicantId !== undefined && applicantId !== row.applicantId) {
		throw new AppError('application_applicant_fixed');
	}
	if (!(EDITABLE as readonly string[]).includes(row.status)) refuseLocked(row);
	const patch = parseOrRefuse(
		draftPatchSchema,
		pickKnownFields(formFields, APPLICATION_FORM_FIELDS)
	) as Record<string, unknown>;
	// Fields the person cleared arrive as null or '' and are kept as "not filled in".
	for (const field of Object.keys(formFields)) if (!(field in patch)) patch[field] = null;

	const merge = mergeFields({
		current: row.form,
		fieldVersions: row.fieldVersions,
		version: row.version,
		baseVersion: mutation.baseVersion,
		patch
	});
	let saved = row;
	if (merge.applied.length > 0) {
		const [updated] = await ctx.tx
			.update(applications)
			.set({
				form: merge.next,
				fieldVersions: merge.nextFieldVersions,
				version: merge.nextVersion,
				updatedAt: new Date()
			})
			.where(eq(applications.id, row.id))
			.returning();
		saved = updated!;
	}
	const record = toServerApplication(saved);
	if (merge.conflicts.length > 0) {
		return { status: 'conflict', entity: 'application', record, conflicts: merge.conflicts };
	}
	return { status: 'applied', entity: 'application', record };
}

/** Crockford's base32 without look-alikes, so a number read aloud at a counter is unambiguous. */
const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newApplicationNumber(today: string): string {
	const suffix = Array.from({ length: 6 }, () => NUMBER_ALPHABET[randomInt(32)]).join('');
	return `LNC-${today.slice(2).replaceAll('-', '')}-${suffix}`;
}

/** Checks everything again on the server (the browser's checks are a courtesy) and submits. */
export async function submitApplication(
	ctx: SyncContext,
	mutation: Mutation
): Promise<MutationOutcome> {
	const row = await lockedApplication(ctx, mutation.entityId);
	if (!row) throw new AppError('application_not_found', 'NOT_FOUND');
	if (row.status !== 'draft') {
		// Submitting twice (a resend, a second device) changes nothing.
		if (row.status !== 'cancelled') {
			return { status: 'applied', entity: 'application', record: toServerApplication(row) };
		}
		refuseLocked(row);
	}
	const applicant = await ownApplicant(ctx, row.applicantId);
	const person = { birthDate: applicant.birthDate, maritalStatus: applicant.maritalStatus };
	const checked = validate(submitApplicationSchema(person, ctx.today), row.form);
	const progress = applicationProgress({
		form: row.form,
		person,
		documentTypes: await currentDocumentTypes(ctx.tx, row.id),
		today: ctx.today
	});
	if (!checked.ok || !progress.complete) {
		throw new AppError('application_incomplete', 'BAD_REQUEST', {
			fieldErrors: checked.ok ? {} : checked.errors,
			missingFields: progress.missingFields,
			missingDocuments: progress.missingDocuments.map((requirement) => requirement.id),
			stoppedAtOffice: progress.stoppedAtOffice
		});
	}
	for (let attempt = 0; ; attempt++) {
		try {
			const [updated] = await ctx.tx.transaction((savepoint) =>
				savepoint
					.update(applications)
					.set({
						status: 'submitted',
						number: newApplicationNumber(ctx.today),
						submittedAt: new Date(),
						version: row.version + 1,
						updatedAt: new Date()
					})
					.where(eq(applications.id, row.id))
					.returning()
			);
			return { status: 'applied', entity: 'application', record: toServerApplication(updated!) };
		} catch (error) {
			if (violatedConstraint(error) !== 'applications_number_unique' || attempt >= 3) throw error;
		}
	}
}

export async function deleteApplication(
	ctx: SyncContext,
	mutation: Mutation
): Promise<MutationOutcome> {
	const row = await lockedApplication(ctx, mutation.entityId);
	if (!row) return { status: 'applied', entity: 'application', record: null };
	if (!(WITHDRAWABLE as readonly string[]).includes(row.status)) refuseLocked(row);
	await ctx.tx.delete(applications).where(eq(applications.id, row.id));
	return { status: 'applied', entity: 'application', record: null };
}
