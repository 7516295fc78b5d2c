import type { FormText } from '$lib/client/application-fields';
import type { ApplicationFormField } from '$lib/domain/application-form';

/** What every step of the application wizard receives from the page. */
export interface StepProps {
	text: FormText;
	problems: Partial<Record<ApplicationFormField, string[]>>;
	set: (field: ApplicationFormField, text: string) => void;
	readonly?: boolean;
}
