import type { z } from 'zod';
import { validate } from '../../forms';
import { AppError } from '../errors';

/** Keeps the fields a record has; an unknown field means a client we do not understand. */
export function pickKnownFields(
	fields: Record<string, unknown>,
	known: readonly string[]
): Record<string, unknown> {
	const unknown = Object.keys(fields).filter((field) => !known.includes(field));
	if (unknown.length > 0) {
		throw new AppError('sync_unknown_field', 'BAD_REQUEST', { fields: unknown });
	}
	return fields;
}

/** Parses with a shared schema; a failure is a refusal carrying the message keys per field. */
export function parseOrRefuse<Schema extends z.ZodType>(
	schema: Schema,
	value: unknown
): z.output<Schema> {
	const result = validate(schema, value);
	if (!result.ok) {
		throw new AppError('form_has_errors', 'BAD_REQUEST', { fieldErrors: result.errors });
	}
	return result.data;
}
