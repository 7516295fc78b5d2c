import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError } from '../errors';

/** A refusal as an office floor form shows it: one message key with its details, or per field. */
export function formRefusal(action: string, failure: unknown) {
	if (failure instanceof AppError) {
		return fail(400, { action, key: failure.key, details: failure.details ?? null, fields: {} });
	}
	if (failure instanceof TRPCError && failure.cause instanceof ZodError) {
		const fields: Record<string, string[]> = {};
		for (const issue of failure.cause.issues) {
			(fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
		}
		const first = Object.values(fields)[0]?.[0] ?? 'form_has_errors';
		return fail(400, { action, key: first, details: null, fields });
	}
	throw failure;
}

export function formText(form: FormData, name: string): string {
	return String(form.get(name) ?? '').trim();
}
