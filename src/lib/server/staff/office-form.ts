import { formText } from '../office-floor/form-actions';

/** The office settings form as the admin procedures take it. */
export function officeSettingsFromForm(form: FormData) {
	return {
		name: formText(form, 'name'),
		city: formText(form, 'city'),
		provinceCode: formText(form, 'provinceCode'),
		address: formText(form, 'address'),
		timeZone: formText(form, 'timeZone'),
		passportTypes: form.getAll('passportTypes').map(String) as 'biasa'[],
		services: form.getAll('services').map(String) as 'reguler'[]
	};
}
