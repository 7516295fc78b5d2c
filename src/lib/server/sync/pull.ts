import { asc, eq } from 'drizzle-orm';
import type { PullResult } from '../../sync-protocol';
import type { Db } from '../db/client';
import { applicants, applications } from '../db/schema';
import { toServerApplicant, toServerApplication } from './records';

/**
 * Everything of the account the device keeps. An account holds at most a handful of people and
 * their applications, so the whole set is small enough to send every time — and a full set lets
 * the device notice what was deleted elsewhere.
 */
export async function pullAccount(
	db: Db,
	accountId: string,
	options: { today: string; maxApplicants: number }
): Promise<PullResult> {
	const [people, applicationRows] = await Promise.all([
		db
			.select()
			.from(applicants)
			.where(eq(applicants.accountId, accountId))
			.orderBy(asc(applicants.createdAt)),
		db
			.select()
			.from(applications)
			.where(eq(applications.accountId, accountId))
			.orderBy(asc(applications.createdAt))
	]);
	return {
		applicants: people.map((row) => toServerApplicant(row, options.today)),
		applications: applicationRows.map(toServerApplication),
		maxApplicants: options.maxApplicants,
		serverTime: new Date().toISOString()
	};
}
