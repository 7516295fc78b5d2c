import { and, eq } from 'drizzle-orm';
import { entityOf, type Mutation, type MutationResult } from '../../sync-protocol';
import type { Db } from '../db/client';
import { syncMutations } from '../db/schema';
import { AppError } from '../errors';
import { deleteApplicantWithDrafts, saveApplicant } from './applicant-mutations';
import { deleteApplication, saveApplication, submitApplication } from './application-mutations';
import type { MutationOutcome, SyncContext } from './context';

type Handler = (ctx: SyncContext, mutation: Mutation) => Promise<MutationOutcome>;

const HANDLERS: Record<Mutation['kind'], Handler> = {
	'applicant.save': saveApplicant,
	'applicant.delete': deleteApplicantWithDrafts,
	'application.save': saveApplication,
	'application.submit': submitApplication,
	'application.delete': deleteApplication
};

function refusal(mutation: Mutation, error: AppError): MutationResult {
	const { fieldErrors, ...details } = (error.details ?? {}) as {
		fieldErrors?: Record<string, string[]>;
	};
	return {
		id: mutation.id,
		status: 'rejected',
		entity: entityOf(mutation.kind),
		key: error.key,
		details: Object.keys(details).length > 0 ? details : null,
		fieldErrors: fieldErrors ?? null,
		record: null
	};
}

/**
 * Applies one mutation exactly once. Its id is claimed in the same transaction as its effect,
 * so a resend — after a lost answer, from a second tab, or concurrently — gets the stored
 * answer and changes nothing. A refusal is stored too: the same change is refused again.
 */
export async function applyMutation(
	db: Db,
	context: Omit<SyncContext, 'tx'>,
	mutation: Mutation
): Promise<MutationResult> {
	return db.transaction(async (tx) => {
		const claimed = await tx
			.insert(syncMutations)
			.values({ id: mutation.id, accountId: context.accountId, kind: mutation.kind, result: {} })
			.onConflictDoNothing()
			.returning({ id: syncMutations.id });
		if (claimed.length === 0) {
			const [earlier] = await tx
				.select({ result: syncMutations.result })
				.from(syncMutations)
				.where(
					and(eq(syncMutations.id, mutation.id), eq(syncMutations.accountId, context.accountId))
				);
			// The id was used by another account: never reveal or replay someone else's answer.
			if (!earlier) return refusal(mutation, new AppError('sync_mutation_id_taken', 'CONFLICT'));
			return earlier.result as MutationResult;
		}

		let result: MutationResult;
		try {
			// A savepoint: a refusal undoes the mutation's partial effect but keeps the claim.
			const outcome = await tx.transaction((savepoint) =>
				HANDLERS[mutation.kind]({ ...context, tx: savepoint as unknown as Db }, mutation)
			);
			result = { ...outcome, id: mutation.id } as MutationResult;
		} catch (error) {
			if (!(error instanceof AppError)) throw error;
			result = refusal(mutation, error);
		}
		await tx.update(syncMutations).set({ result }).where(eq(syncMutations.id, mutation.id));
		return result;
	});
}
