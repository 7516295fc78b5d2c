import type { ApplicantFormValues } from '$lib/components/ApplicantForm.svelte';
import { localDb } from './db';
import { isQuotaExceeded } from './storage';

/**
 * An applicant form that has not been saved yet, kept as typed so a reload, a crash or a closed
 * tab loses nothing. It is a draft of the form, not of the applicant: only "Simpan" turns it
 * into a change for the server.
 */
function key(accountId: string, applicantId: string | null) {
	return `applicant-form:${applicantId ?? 'new'}:${accountId}`;
}

export async function loadApplicantFormDraft(
	accountId: string,
	applicantId: string | null
): Promise<ApplicantFormValues | null> {
	const entry = await localDb().meta.get(key(accountId, applicantId));
	return (entry?.value as ApplicantFormValues | undefined) ?? null;
}

/** Returns false when the device is out of space, so the page can say so. */
export async function keepApplicantFormDraft(
	accountId: string,
	applicantId: string | null,
	values: ApplicantFormValues
): Promise<boolean> {
	try {
		await localDb().meta.put({ key: key(accountId, applicantId), value: values });
		return true;
	} catch (error) {
		if (isQuotaExceeded(error)) return false;
		throw error;
	}
}

export async function dropApplicantFormDraft(accountId: string, applicantId: string | null) {
	await localDb().meta.delete(key(accountId, applicantId));
}
