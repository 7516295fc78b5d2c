/** True when PostgreSQL refused a write for a unique index (SQLSTATE 23505), through either driver. */
export function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: string; cause?: { code?: string } })?.code;
	const causeCode = (error as { cause?: { code?: string } })?.cause?.code;
	return code === '23505' || causeCode === '23505';
}
