import type { MutationResult } from '../../sync-protocol';
import type { Db } from '../db/client';

/** What applying a mutation needs to know about who sent it and when. */
export interface SyncContext {
	/** A transaction; every mutation applies inside one. */
	tx: Db;
	accountId: string;
	today: string;
	maxApplicants: number;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** What a handler decides; the push step adds the mutation's id. Refusals are thrown. */
export type MutationOutcome = WithoutId<
	Extract<MutationResult, { status: 'applied' | 'conflict' }>
>;
