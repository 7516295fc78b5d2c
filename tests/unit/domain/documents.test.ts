import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_DOCUMENT_MIME_TYPES,
	DOCUMENT_TYPES,
	isAcceptedDocumentMimeType,
	missingDocuments,
	requiredDocuments,
	type DocumentRequirement
} from '../../../src/lib/domain/documents';

function checklist(requirements: DocumentRequirement[]): string[] {
	return requirements.map((r) => (r.required ? r.id : `${r.id}?`));
}

describe('requiredDocuments for adults', () => {
	it('asks a first-time applicant for KTP, KK and one civil record', () => {
		const requirements = requiredDocuments({
			category: 'dewasa',
			applicationType: 'baru',
			hadPassportBefore: false
		});
		expect(checklist(requirements)).toEqual(['ktp', 'kartu_keluarga', 'dokumen_pendukung']);
		expect(requirements[2]!.anyOf).toEqual([
			'akta_kelahiran',
			'buku_nikah',
			'ijazah',
			'surat_baptis'
		]);
	});

	it('needs the old passport for a renewal and for anyone who had one', () => {
		for (const applicationType of ['penggantian_habis', 'penggantian_penuh'] as const) {
			expect(checklist(requiredDocuments({ category: 'dewasa', applicationType }))).toContain(
				'paspor_lama'
			);
		}
		expect(
			checklist(
				requiredDocuments({ category: 'dewasa', applicationType: 'baru', hadPassportBefore: true })
			)
		).toContain('paspor_lama');
	});

	it('lists the old passport as "if any" while the question is unanswered', () => {
		expect(checklist(requiredDocuments({ category: 'dewasa' }))).toEqual([
			'ktp',
			'kartu_keluarga',
			'dokumen_pendukung',
			'paspor_lama?'
		]);
	});

	it('asks a migrant worker for the Disnaker recommendation', () => {
		expect(
			checklist(
				requiredDocuments({
					category: 'dewasa',
					hadPassportBefore: false,
					travelPurpose: 'bekerja'
				})
			)
		).toEqual(['ktp', 'kartu_keluarga', 'dokumen_pendukung', 'rekomendasi_disnaker']);
	});

	it('wants the police report for a lost passport and the damaged book itself', () => {
		expect(checklist(requiredDocuments({ category: 'dewasa', applicationType: 'hilang' }))).toEqual(
			['ktp', 'kartu_keluarga', 'dokumen_pendukung', 'surat_kehilangan']
		);
		expect(
			checklist(requiredDocuments({ category: 'dewasa', applicationType: 'rusak' }))
		).toContain('paspor_lama');
	});
});

describe('requiredDocuments for children', () => {
	it("asks for both parents' KTP, KK, birth and marriage certificates, parents' passports if any", () => {
		expect(
			checklist(
				requiredDocuments({ category: 'anak', applicationType: 'baru', hadPassportBefore: false })
			)
		).toEqual([
			'ktp_ayah',
			'ktp_ibu',
			'kartu_keluarga',
			'akta_kelahiran',
			'akta_perkawinan_orang_tua',
			'paspor_ayah?',
			'paspor_ibu?'
		]);
	});

	it("treats the child's old passport as if-any, required for a renewal", () => {
		expect(checklist(requiredDocuments({ category: 'anak', applicationType: 'baru' }))).toContain(
			'paspor_lama?'
		);
		expect(
			checklist(requiredDocuments({ category: 'anak', applicationType: 'penggantian_habis' }))
		).toContain('paspor_lama');
	});

	it('never asks a child for their own KTP or a work recommendation', () => {
		const ids = checklist(requiredDocuments({ category: 'anak', travelPurpose: 'bekerja' }));
		expect(ids).not.toContain('ktp');
		expect(ids).not.toContain('rekomendasi_disnaker');
	});

	it('only names known document types', () => {
		for (const category of ['anak', 'dewasa'] as const) {
			for (const requirement of requiredDocuments({ category, travelPurpose: 'bekerja' })) {
				for (const type of requirement.anyOf) expect(DOCUMENT_TYPES).toContain(type);
			}
		}
	});
});

describe('missingDocuments', () => {
	const adultRenewal = requiredDocuments({
		category: 'dewasa',
		applicationType: 'penggantian_habis',
		hadPassportBefore: true
	});

	it('counts any one civil record and ignores "if any" lines', () => {
		expect(
			missingDocuments(adultRenewal, ['ktp', 'kartu_keluarga', 'ijazah', 'paspor_lama'])
		).toEqual([]);
		const child = requiredDocuments({ category: 'anak', applicationType: 'baru' });
		expect(
			missingDocuments(
				child,
				new Set([
					'ktp_ayah',
					'ktp_ibu',
					'kartu_keluarga',
					'akta_kelahiran',
					'akta_perkawinan_orang_tua'
				] as const)
			)
		).toEqual([]);
	});

	it('reports what is still missing, in checklist order', () => {
		expect(missingDocuments(adultRenewal, ['kartu_keluarga']).map((r) => r.id)).toEqual([
			'ktp',
			'dokumen_pendukung',
			'paspor_lama'
		]);
		// The mother's KTP does not stand in for the father's.
		const child = requiredDocuments({ category: 'anak', hadPassportBefore: false });
		expect(missingDocuments(child, ['ktp_ibu', 'paspor_ayah']).map((r) => r.id)).toEqual([
			'ktp_ayah',
			'kartu_keluarga',
			'akta_kelahiran',
			'akta_perkawinan_orang_tua'
		]);
	});
});

describe('ACCEPTED_DOCUMENT_MIME_TYPES', () => {
	it('takes photos and PDFs only', () => {
		expect(ACCEPTED_DOCUMENT_MIME_TYPES).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
		expect(isAcceptedDocumentMimeType('image/jpeg')).toBe(true);
		expect(isAcceptedDocumentMimeType('image/heic')).toBe(false);
	});
});
