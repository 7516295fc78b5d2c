interface PgErrorFields {
	code?: string;
	constraint_name?: string;
	constraint?: string;
	cause?: unknown;
}

/** The first of a PostgreSQL error's fields `read` finds, whether drizzle wrapped it or not. */
function pgField(error: unknown, read: (fields: PgErrorFields) => string | undefined) {
	let current: unknown = error;
	for (let depth = 0; current && depth < 4; depth++) {
		const found = read(current as PgErrorFields);
		if (found) return found;
		current = (current as PgErrorFields).cause;
	}
	return undefined;
}

/** The violated constraint of a PostgreSQL error. */
export function violatedConstraint(error: unknown): string | undefined {
	return pgField(error, (fields) => fields.constraint_name ?? fields.constraint);
}

/** SQLSTATE classes start with a digit or are one of PostgreSQL's few lettered ones. */
const SQLSTATE = /^([0-9][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/** The SQLSTATE of a PostgreSQL error (e.g. 40P01 deadlock); Node's own codes are not one. */
export function sqlState(error: unknown): string | undefined {
	return pgField(error, ({ code }) =>
		typeof code === 'string' && SQLSTATE.test(code) ? code : undefined
	);
}

/**
 * Whether an error comes from what one job asked for (bad data: class 22, or a constraint:
 * class 23), not from the database or the moment (a lost connection, a deadlock).
 */
export function isDataError(error: unknown): boolean {
	const state = sqlState(error);
	return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}
