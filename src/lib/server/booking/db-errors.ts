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
