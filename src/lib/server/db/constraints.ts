/** The name of the constraint a PostgreSQL error broke, from either driver's error shape. */
export function violatedConstraint(error: unknown): string | undefined {
	const direct = error as { constraint_name?: string; constraint?: string; cause?: unknown };
	const cause = direct.cause as { constraint_name?: string; constraint?: string } | undefined;
	return direct.constraint_name ?? direct.constraint ?? cause?.constraint_name ?? cause?.constraint;
}
