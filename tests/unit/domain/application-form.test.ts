import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { MaritalStatus } from '../../../src/lib/domain/applicant-category';
import {
	APPLICATION_FORM_FIELDS,
	COUNTRIES,
	PASSPORT_TYPES,
	POPULAR_DESTINATIONS,
	applicationDraftSchema,
	countryName,
	isHandledAtOffice,
	submitApplicationSchema,
	validityOptions,
	type ApplicationForm
} from '../../../src/lib/domain/application-form';

const TODAY = '2026-11-25';
const adult = { birthDate: '1990-05-17', maritalStatus: 'married' as const };
const child = { birthDate: '2015-03-02', maritalStatus: 'single' as const };

/** Siti's first passport for umrah, as she would finish the wizard. */
const siti = {
	service: 'reguler',
	applicationType: 'baru',
	passportType: 'elektronik',
	validityYears: 10,
	hadPassportBefore: false,
	oldPassportNumber: '',
	travelPurpose: 'ibadah_umrah',
	destinationCountry: 'SA',
	destinationAddress: 'Hotel Dar Al Eiman, Ajyad Street, Makkah',
	stayDurationDays: 12,
	relativeName: 'Ahmad Fauzi',
	relativePhone: '0812-3456-7890'
};

function draftErrors(
	input: unknown,
	schema: z.ZodType = applicationDraftSchema
): Record<string, string[]> {
	const result = schema.safeParse(input);
	if (result.success) return {};
	const errors: Record<string, string[]> = {};
	for (const issue of result.error.issues)
		(errors[issue.path.join('.')] ??= []).push(issue.message);
	return errors;
}

function submitErrors(
	input: unknown,
	person: { birthDate: string; maritalStatus: MaritalStatus } = adult,
	today = TODAY
): Record<string, string[]> {
	return draftErrors(input, submitApplicationSchema(person, today));
}

describe('applicationDraftSchema', () => {
	it('accepts a half-filled draft and normalises what people type', () => {
		const draft = applicationDraftSchema.parse({
			service: 'percepatan',
			hadPassportBefore: true,
			oldPassportNumber: ' x 123 4567 ',
			destinationCountry: 'my',
			relativePhone: '+62 (0)812 3456 7890'
		});
		expect(draft).toEqual({
			service: 'percepatan',
			hadPassportBefore: true,
			oldPassportNumber: 'X1234567',
			destinationCountry: 'MY',
			relativePhone: '+6281234567890'
		});
	});

	it('reads blank and null as "not filled in" and leaves absent fields absent', () => {
		const draft = applicationDraftSchema.parse({
			service: '',
			validityYears: '',
			hadPassportBefore: null,
			stayDurationDays: '',
			relativeName: '   '
		});
		expect(draft).toEqual({
			service: null,
			validityYears: null,
			hadPassportBefore: null,
			stayDurationDays: null,
			relativeName: null
		});
		expect('passportType' in draft).toBe(false);
		// Its output is what the rest of the app stores as a draft.
		const stored: ApplicationForm = draft;
		expect(stored.service).toBeNull();
	});

	it('refuses fields it does not know, also in single-field patches', () => {
		expect(draftErrors({ service: 'reguler', nik: '3174051705900001' })).toEqual({
			'': ['unknown_field']
		});
		const patch = applicationDraftSchema.partial();
		expect(patch.parse({ oldPassportNumber: 'e1234567' })).toEqual({
			oldPassportNumber: 'E1234567'
		});
		expect(draftErrors({ colour: 'red' }, patch)).toEqual({ '': ['unknown_field'] });
	});

	it('refuses choices that are not on the list', () => {
		expect(
			draftErrors({
				service: 'kilat',
				applicationType: 'perpanjangan',
				passportType: 'diplomatik',
				validityYears: 7,
				hadPassportBefore: 'ya',
				travelPurpose: 'mudik'
			})
		).toEqual({
			service: ['choose_one'],
			applicationType: ['choose_one'],
			passportType: ['choose_one'],
			validityYears: ['choose_one'],
			hadPassportBefore: ['choose_one'],
			travelPurpose: ['choose_one']
		});
		expect(draftErrors({ service: 1, validityYears: '10' })).toEqual({
			service: ['choose_one'],
			validityYears: ['choose_one']
		});
	});

	it('accepts Indonesian passport numbers: paper, electronic, polycarbonate and old two-letter books', () => {
		for (const number of [
			'A1234567',
			'C7654321',
			'X1234567',
			'E1234567',
			'AR123456',
			'b 1234567'
		]) {
			expect(draftErrors({ oldPassportNumber: number }), number).toEqual({});
		}
	});

	it('refuses passport numbers of the wrong shape', () => {
		for (const number of ['12345678', 'X12345', 'X123456789', 'ABC123456', 'X12345A7', 'NIK']) {
			expect(draftErrors({ oldPassportNumber: number }), number).toEqual({
				oldPassportNumber: ['passport_number_invalid']
			});
		}
	});

	it('takes destination countries from the list, never Indonesia itself', () => {
		expect(draftErrors({ destinationCountry: 'hk' })).toEqual({});
		for (const code of ['ID', 'XX', 'Saudi', 'S']) {
			expect(draftErrors({ destinationCountry: code }), code).toEqual({
				destinationCountry: ['country_invalid']
			});
		}
	});

	it('wants the length of stay in whole days between 1 and 3650', () => {
		for (const days of [1, 90, 3650]) expect(draftErrors({ stayDurationDays: days })).toEqual({});
		for (const days of [0, -3, 1.5, '30', Number.NaN]) {
			expect(draftErrors({ stayDurationDays: days }), String(days)).toEqual({
				stayDurationDays: ['stay_duration_invalid']
			});
		}
		expect(draftErrors({ stayDurationDays: 3651 })).toEqual({
			stayDurationDays: ['stay_duration_too_long']
		});
	});

	it('checks the address abroad and the relative with the shared rules', () => {
		expect(
			draftErrors({
				destinationAddress: 'KL',
				relativeName: 'Budi 2',
				relativePhone: '12345'
			})
		).toEqual({
			destinationAddress: ['address_too_short'],
			relativeName: ['name_invalid'],
			relativePhone: ['phone_invalid']
		});
		expect(draftErrors({ destinationAddress: 'Jl. '.repeat(100) })).toEqual({
			destinationAddress: ['text_too_long']
		});
	});

	it('lists exactly its fields in wizard order', () => {
		expect(Object.keys(applicationDraftSchema.shape).sort()).toEqual(
			[...APPLICATION_FORM_FIELDS].sort()
		);
		expect(APPLICATION_FORM_FIELDS[0]).toBe('service');
		expect(APPLICATION_FORM_FIELDS.at(-1)).toBe('relativePhone');
	});
});

describe('validityOptions', () => {
	it('offers 10 years from the 17th birthday on', () => {
		expect(validityOptions({ birthDate: '2009-11-25', maritalStatus: 'single' }, TODAY)).toEqual([
			5, 10
		]);
		expect(validityOptions({ birthDate: '2009-11-26', maritalStatus: 'single' }, TODAY)).toEqual([
			5
		]);
	});

	it('offers 10 years to a married or once-married minor', () => {
		expect(validityOptions({ birthDate: '2010-06-01', maritalStatus: 'married' }, TODAY)).toEqual([
			5, 10
		]);
		expect(validityOptions({ birthDate: '2010-06-01', maritalStatus: 'divorced' }, TODAY)).toEqual([
			5, 10
		]);
		expect(validityOptions(child, TODAY)).toEqual([5]);
	});
});

describe('isHandledAtOffice', () => {
	it('sends lost and damaged passports to the office', () => {
		expect(isHandledAtOffice('hilang')).toBe(true);
		expect(isHandledAtOffice('rusak')).toBe(true);
		expect(isHandledAtOffice('penggantian_habis')).toBe(false);
		expect(isHandledAtOffice(null)).toBe(false);
	});
});

describe('submitApplicationSchema', () => {
	it('accepts a complete, consistent application', () => {
		const submitted = submitApplicationSchema(adult, TODAY).parse(siti);
		expect(submitted).toMatchObject({
			validityYears: 10,
			oldPassportNumber: null,
			relativePhone: '+6281234567890'
		});
	});

	it('reports every unanswered question on its own field', () => {
		expect(submitErrors({})).toEqual({
			service: ['choose_one'],
			applicationType: ['choose_one'],
			passportType: ['choose_one'],
			validityYears: ['choose_one'],
			hadPassportBefore: ['choose_one'],
			travelPurpose: ['choose_one'],
			destinationCountry: ['choose_one'],
			destinationAddress: ['required'],
			stayDurationDays: ['required'],
			relativeName: ['required'],
			relativePhone: ['required']
		});
	});

	it('still reports missing answers when another field is malformed', () => {
		expect(submitErrors({ ...siti, relativeName: '', oldPassportNumber: '123' })).toEqual({
			relativeName: ['required'],
			oldPassportNumber: ['passport_number_invalid']
		});
		expect(submitErrors({ ...siti, service: 2, validityYears: '10', relativePhone: null })).toEqual(
			{
				service: ['choose_one'],
				validityYears: ['choose_one'],
				relativePhone: ['required']
			}
		);
	});

	it('refuses 10 years for a child, accepts it for a married 16-year-old', () => {
		expect(submitErrors(siti, child)).toEqual({ validityYears: ['validity_not_allowed'] });
		expect(submitErrors({ ...siti, validityYears: 5 }, child)).toEqual({});
		const marriedAt16 = { birthDate: '2010-06-01', maritalStatus: 'married' as const };
		expect(submitErrors(siti, marriedAt16)).toEqual({});
	});

	it('refuses a renewal from someone who says they never had a passport', () => {
		const renewal = { ...siti, applicationType: 'penggantian_habis' };
		expect(submitErrors(renewal)).toEqual({
			hadPassportBefore: ['renewal_needs_old_passport'],
			oldPassportNumber: ['required']
		});
		expect(submitErrors({ ...renewal, hadPassportBefore: true })).toEqual({
			oldPassportNumber: ['required']
		});
		expect(
			submitErrors({
				...renewal,
				applicationType: 'penggantian_penuh',
				hadPassportBefore: true,
				oldPassportNumber: 'X1234567'
			})
		).toEqual({});
	});

	it('needs the old number whenever the person had a passport, and drops a stale one', () => {
		expect(submitErrors({ ...siti, hadPassportBefore: true })).toEqual({
			oldPassportNumber: ['required']
		});
		const submitted = submitApplicationSchema(adult, TODAY).parse({
			...siti,
			oldPassportNumber: 'B1234567'
		});
		expect(submitted.oldPassportNumber).toBeNull();
	});

	it('stops lost and damaged passports with a reason', () => {
		for (const applicationType of ['hilang', 'rusak']) {
			const form = {
				...siti,
				applicationType,
				hadPassportBefore: true,
				oldPassportNumber: 'X1234567'
			};
			expect(submitErrors(form)).toEqual({
				applicationType: ['application_type_at_office']
			});
		}
	});

	it('offers the same-day service for every passport type', () => {
		for (const passportType of PASSPORT_TYPES) {
			expect(submitErrors({ ...siti, service: 'percepatan', passportType })).toEqual({});
		}
	});

	it('refuses a choice that had no fee on the day, like 10 years before October 2022', () => {
		expect(submitErrors(siti, adult, '2022-10-11')).toEqual({
			validityYears: ['fee_not_available']
		});
		expect(submitErrors(siti, adult, '2022-10-12')).toEqual({});
	});

	it('refuses an overlong stay and unknown fields at submission too', () => {
		expect(submitErrors({ ...siti, stayDurationDays: 4000 })).toEqual({
			stayDurationDays: ['stay_duration_too_long']
		});
		expect(submitErrors({ ...siti, nickname: 'Siti' })).toEqual({ '': ['unknown_field'] });
	});
});

describe('COUNTRIES', () => {
	it('has unique ISO codes for all UN members but Indonesia, plus Hong Kong, Macao and Taiwan', () => {
		const codes = COUNTRIES.map((country) => country.code);
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
		expect(codes).not.toContain('ID');
		expect(codes).toEqual(expect.arrayContaining(['SA', 'MY', 'SG', 'JP', 'HK', 'MO', 'TW', 'PS']));
		expect(codes.length).toBeGreaterThanOrEqual(192 + 3);
		expect(COUNTRIES.every((country) => country.id.length > 1 && country.en.length > 1)).toBe(true);
		expect(POPULAR_DESTINATIONS.every((code) => codes.includes(code))).toBe(true);
	});

	it('names a country in either language', () => {
		expect(countryName('SA', 'id')).toBe('Arab Saudi');
		expect(countryName('SA', 'en')).toBe('Saudi Arabia');
		expect(countryName('kr', 'id')).toBe('Korea Selatan');
		expect(countryName('CI', 'id')).toBe('Pantai Gading');
		expect(countryName('ID', 'id')).toBeUndefined();
	});
});
