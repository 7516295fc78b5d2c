import { applicantCategory } from '../../domain/applicant-category';
import type { ServerApplicant, ServerApplication } from '../../sync-protocol';
import { profileOf } from '../applicants';
import type { applicants, applications } from '../db/schema';

/** Rows as the browser receives them: no account ids, no bookkeeping it does not need. */
export function toServerApplicant(
	row: typeof applicants.$inferSelect,
	today: string
): ServerApplicant {
	return {
		id: row.id,
		version: row.version,
		isAccountHolder: row.isAccountHolder,
		category: applicantCategory(row, today),
		profile: profileOf(row),
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}

export function toServerApplication(row: typeof applications.$inferSelect): ServerApplication {
	return {
		id: row.id,
		applicantId: row.applicantId,
		version: row.version,
		status: row.status,
		number: row.number,
		form: row.form,
		submittedAt: row.submittedAt?.toISOString() ?? null,
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}
