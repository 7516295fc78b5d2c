import { normalizeNik } from '../domain/nik';
import { Refusal } from '../refusal';
import type { LancarDatabase } from './db';

/**
 * The account's limits, checked against the device's copy so they hold with no signal. The
 * server checks them again when the change arrives.
 */
export async function assertApplicantAllowed(
	db: LancarDatabase,
	accountId: string,
	applicantId: string | null,
	nik: string
): Promise<void> {
	const [applicants, session] = await Promise.all([
		db.applicants.where('accountId').equals(accountId).toArray(),
		db.session.get('current')
	]);
	const max = session?.maxApplicants ?? 5;
	if (!applicantId && applicants.length >= max) {
		throw new Refusal('applicant_limit', { max });
	}
	const wanted = normalizeNik(nik);
	const taken = applicants.some(
		(other) => other.id !== applicantId && normalizeNik(String(other.profile.nik ?? '')) === wanted
	);
	if (taken) throw new Refusal('nik_duplicate', null, { nik: ['nik_duplicate'] });
}
