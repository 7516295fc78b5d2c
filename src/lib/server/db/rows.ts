/**
 * The rows of a raw `db.execute`: postgres.js answers with an array of rows, PGlite with
 * `{ rows }`. Raw statements read through this work on both drivers.
 */
export function rowsOf<Row>(result: unknown): Row[] {
	if (Array.isArray(result)) return result as Row[];
	const rows = (result as { rows?: unknown } | null)?.rows;
	if (Array.isArray(rows)) return rows as Row[];
	return [...(result as Iterable<Row>)];
}
