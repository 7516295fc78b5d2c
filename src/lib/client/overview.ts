import { applicantCategory, type ApplicantCategory } from '../domain/applicant-category';
import type { MaritalStatus } from '../domain/applicant-category';
import { isIsoDate } from '../domain/dates';
import type { LancarDatabase, LocalApplicant, LocalApplication, OutboxEntry } from './db';

export interface Rejection {
	entryId: string;
	key: string;
	details: Record<string, unknown> | null;
	fieldErrors: Record<string, string[]> | null;
}

export interface ApplicantCard {
	applicant: LocalApplicant;
	fullName: string;
	nik: string;
	category: ApplicantCategory | null;
	/** Changes not yet confirmed by the server. */
	unsynced: boolean;
	rejections: Rejection[];
	application: LocalApplication | null;
	applicationRejections: Rejection[];
	applicationConflict: boolean;
}

export function personOf(applicant: LocalApplicant) {
	const { birthDate, maritalStatus } = applicant.profile as {
		birthDate?: string;
		maritalStatus?: MaritalStatus;
	};
	if (!birthDate || !isIsoDate(birthDate) || !maritalStatus) return null;
	return { birthDate, maritalStatus };
}

function rejectionsOf(entries: OutboxEntry[], entityId: string): Rejection[] {
	return entries
		.filter((entry) => entry.entityId === entityId && entry.state === 'rejected' && entry.rejection)
		.map((entry) => ({ entryId: entry.id, ...entry.rejection! }));
}

const ACTIVE = (application: LocalApplication) =>
	application.status !== 'cancelled' && application.status !== 'completed';

/** The dashboard's picture of the account, read entirely from the device. */
export async function accountOverview(
	db: LancarDatabase,
	accountId: string,
	today: string
): Promise<ApplicantCard[]> {
	const [applicants, applications, outbox, conflicts] = await Promise.all([
		db.applicants.where('accountId').equals(accountId).toArray(),
		db.applications.where('accountId').equals(accountId).toArray(),
		db.outbox.where('accountId').equals(accountId).toArray(),
		db.conflicts.where('accountId').equals(accountId).toArray()
	]);
	const waiting = new Set(outbox.map((entry) => entry.entityId));
	const conflicted = new Set(conflicts.map((conflict) => conflict.entityId));
	const cards = applicants.map((applicant): ApplicantCard => {
		const person = personOf(applicant);
		const application = applications.find((a) => a.applicantId === applicant.id && ACTIVE(a));
		return {
			applicant,
			fullName: String(applicant.profile.fullName ?? ''),
			nik: String(applicant.profile.nik ?? ''),
			category: person ? applicantCategory(person, today) : null,
			unsynced: waiting.has(applicant.id) || applicant.serverVersion === 0,
			rejections: rejectionsOf(outbox, applicant.id),
			application: application ?? null,
			applicationRejections: application ? rejectionsOf(outbox, application.id) : [],
			applicationConflict: application ? conflicted.has(application.id) : false
		};
	});
	// The account holder first, then everyone in the order they were added.
	return cards.sort(
		(a, b) =>
			Number(b.applicant.isAccountHolder) - Number(a.applicant.isAccountHolder) ||
			a.applicant.createdAt - b.applicant.createdAt
	);
}
