import { localDb } from './db';

/**
 * Office pages (contacts, next release, "when should I apply?" figures) kept in the Dexie
 * meta table, so a page once opened reads offline. Public data: kept across sign-outs.
 */
const keyOf = (code: string) => `office-page:${code.toUpperCase()}`;

export interface KeptOfficePage<T> {
	page: T;
	/** Epoch milliseconds. */
	savedAt: number;
}

export async function keepOfficePage<T>(code: string, page: T): Promise<void> {
	try {
		await localDb().meta.put({ key: keyOf(code), value: { page, savedAt: Date.now() } });
	} catch {
		// A full or blocked device store only costs the offline copy, never the page.
	}
}

export async function keptOfficePage<T>(code: string): Promise<KeptOfficePage<T> | null> {
	const entry = await localDb().meta.get(keyOf(code));
	return (entry?.value as KeptOfficePage<T> | undefined) ?? null;
}
