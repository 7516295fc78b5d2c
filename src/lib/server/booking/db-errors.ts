interface PgErrorFields {
	code?: string;
	constraint_name?: string;
	constraint?: string;
	cause?: unknown;
}

/** The violated constraint of a PostgreSQL error, whether drizzle wrapped it or not. */
export function violatedConstraint(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 4; depth++) {
		const fields = current as PgErrorFields;
		const name = fields.constraint_name ?? fields.constraint;
		if (name) return name;
		current = fields.cause;
	}
	return undefined;
}

/** The SQLSTATE of a PostgreSQL error (e.g. 40P01 deadlock), whether drizzle wrapped it or not. */
export function sqlState(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 4; depth++) {
		const code = (current as PgErrorFields).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
		current = (current as PgErrorFields).cause;
	}
	return undefined;
}

/**
 * Whether an error comes from what one job asked for (bad data: class 22, or a constraint:
 * class 23), not from the database or the moment (a lost connection, a deadlock).
 */
export function isDataError(error: unknown): boolean {
	const state = sqlState(error);
	return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}
