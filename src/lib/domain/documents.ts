import type { ApplicantCategory } from './applicant-category';
import { isRenewal, type ApplicationType, type TravelPurpose } from './application-form';

/**
 * The documents an applicant photographs or uploads. Beyond the list:
 * - `rekomendasi_disnaker`: applicants travelling to work must bring the passport
 *   recommendation letter of the Dinas Tenaga Kerja (SE Dirjen Imigrasi IMI-0277.GR.02.06/2017,
 *   still asked by offices in 2025) — the most common reason a would-be migrant is sent home.
 * - `surat_kehilangan`: the police report for a lost passport, so the list shown before the
 *   wizard stops tells people what to bring to the office.
 */
export const DOCUMENT_TYPES = [
	'ktp',
	'kartu_keluarga',
	'akta_kelahiran',
	'buku_nikah',
	'ijazah',
	'surat_baptis',
	'paspor_lama',
	'ktp_ayah',
	'ktp_ibu',
	'akta_perkawinan_orang_tua',
	'paspor_ayah',
	'paspor_ibu',
	'rekomendasi_disnaker',
	'surat_kehilangan'
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * One line of the checklist: satisfied by any one of `anyOf`. `required: false` means "if you
 * have one" (e.g. the parents' passports): shown, never blocking.
 */
export type DocumentRequirement = { id: string; anyOf: DocumentType[]; required: boolean };

export const ACCEPTED_DOCUMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AcceptedDocumentMimeType = (typeof ACCEPTED_DOCUMENT_MIME_TYPES)[number];

export function isDocumentType(value: string): value is DocumentType {
	return (DOCUMENT_TYPES as readonly string[]).includes(value);
}

export function isAcceptedDocumentMimeType(value: string): value is AcceptedDocumentMimeType {
	return (ACCEPTED_DOCUMENT_MIME_TYPES as readonly string[]).includes(value);
}

function single(type: DocumentType, required = true): DocumentRequirement {
	return { id: type, anyOf: [type], required };
}

/**
 * The old passport: needed for a renewal or a damaged book (the office takes it in), and
 * whenever the person says they held one; while that question is unanswered it is listed as
 * "if any". A lost book cannot be shown; its police report stands in for it.
 */
function oldPassport(
	applicationType: ApplicationType | null | undefined,
	hadPassportBefore: boolean | null | undefined
): DocumentRequirement[] {
	if (applicationType === 'hilang') return [single('surat_kehilangan')];
	if (isRenewal(applicationType) || applicationType === 'rusak' || hadPassportBefore === true) {
		return [single('paspor_lama')];
	}
	return hadPassportBefore === false ? [] : [single('paspor_lama', false)];
}

/**
 * The checklist M-Paspor asks for. Adults: e-KTP, Kartu Keluarga and one civil record. Children
 * (under 17 and never married) have no KTP, so the parents vouch for them with their own.
 * Offices may waive the KK and civil record for an adult renewing a post-2009 passport whose
 * data matches the e-KTP; M-Paspor asks for them anyway, and so do we.
 */
export function requiredDocuments(input: {
	category: ApplicantCategory;
	applicationType?: ApplicationType | null;
	hadPassportBefore?: boolean | null;
	travelPurpose?: TravelPurpose | null;
}): DocumentRequirement[] {
	const passport = oldPassport(input.applicationType, input.hadPassportBefore);
	if (input.category === 'anak') {
		return [
			single('ktp_ayah'),
			single('ktp_ibu'),
			single('kartu_keluarga'),
			single('akta_kelahiran'),
			single('akta_perkawinan_orang_tua'),
			single('paspor_ayah', false),
			single('paspor_ibu', false),
			...passport
		];
	}
	return [
		single('ktp'),
		single('kartu_keluarga'),
		{
			id: 'dokumen_pendukung',
			anyOf: ['akta_kelahiran', 'buku_nikah', 'ijazah', 'surat_baptis'],
			required: true
		},
		...passport,
		...(input.travelPurpose === 'bekerja' ? [single('rekomendasi_disnaker')] : [])
	];
}

/** The required lines of the checklist that none of the present documents satisfies. */
export function missingDocuments(
	requirements: readonly DocumentRequirement[],
	presentTypes: Iterable<DocumentType>
): DocumentRequirement[] {
	const present = new Set(presentTypes);
	return requirements.filter(
		(requirement) => requirement.required && !requirement.anyOf.some((type) => present.has(type))
	);
}
