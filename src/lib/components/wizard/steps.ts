import type { ApplicationFormField } from '$lib/domain/application-form';
import * as m from '$lib/paraglide/messages';

export const WIZARD_STEPS = ['service', 'history', 'travel', 'documents', 'summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_FIELDS: Record<WizardStep, readonly ApplicationFormField[]> = {
	service: ['service', 'applicationType', 'passportType', 'validityYears'],
	history: ['hadPassportBefore', 'oldPassportNumber'],
	travel: [
		'travelPurpose',
		'destinationCountry',
		'destinationAddress',
		'stayDurationDays',
		'relativeName',
		'relativePhone'
	],
	documents: [],
	summary: []
};

export function stepOfField(field: ApplicationFormField): WizardStep {
	return WIZARD_STEPS.find((step) => STEP_FIELDS[step].includes(field)) ?? 'summary';
}

export function isWizardStep(value: string | null): value is WizardStep {
	return (WIZARD_STEPS as readonly (string | null)[]).includes(value);
}

export function stepTitle(step: WizardStep): string {
	return {
		service: m.wizard_step_service,
		history: m.wizard_step_history,
		travel: m.wizard_step_travel,
		documents: m.wizard_step_documents,
		summary: m.wizard_step_summary
	}[step]();
}
