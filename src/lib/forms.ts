import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** Runs a shared schema in the browser so people see the same refusals before sending. */
export function validate<Schema extends z.ZodType>(
	schema: Schema,
	values: unknown
): { ok: true; data: z.output<Schema> } | { ok: false; errors: FieldErrors } {
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = issue.path.join('.') || '_';
		const list = (errors[field] ??= []);
		if (!list.includes(issue.message)) list.push(issue.message);
	}
	return { ok: false, errors };
}
