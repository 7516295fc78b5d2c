import { browser } from '$app/environment';

export interface SessionUser {
	id: string;
	fullName: string;
	email: string;
	role: 'applicant' | 'staff' | 'office_admin' | 'admin';
}

interface SessionAnswer {
	user: SessionUser | null;
	maxApplicants: number;
}

const ASK_TIMEOUT_MS = 4_000;

// Set while a session is kept in IndexedDB, so a signed-out visitor's first page does not have
// to load the database code just to find nothing there.
const CACHED_FLAG = 'lancar:session-cached';

function hasCachedSession(): boolean {
	try {
		return localStorage.getItem(CACHED_FLAG) === '1';
	} catch {
		return true;
	}
}

async function database() {
	return (await import('./db')).localDb();
}

/**
 * Who is signed in. The server is asked first; with no answer (no signal, a dead connection
 * that never replies) the device's last known session stands in, so the installed app opens
 * offline. Server rendering never has a device copy.
 */
export async function currentUser(fetcher: typeof fetch): Promise<SessionUser | null> {
	try {
		const response = await fetcher('/api/session', {
			signal: AbortSignal.timeout(ASK_TIMEOUT_MS)
		});
		if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
		const answer = (await response.json()) as SessionAnswer;
		if (browser) await remember(answer);
		return answer.user;
	} catch (error) {
		if (!browser) throw error;
		if (!hasCachedSession()) return null;
		const cached = await (await database()).session.get('current');
		return cached
			? { id: cached.accountId, fullName: cached.fullName, email: cached.email, role: cached.role }
			: null;
	}
}

async function remember(answer: SessionAnswer): Promise<void> {
	if (!answer.user) {
		if (!hasCachedSession()) return;
		// Signed out or expired: forget who, but keep their unsent changes for when they return.
		await (await database()).session.delete('current');
		localStorage.removeItem(CACHED_FLAG);
		return;
	}
	await (
		await database()
	).session.put({
		key: 'current',
		accountId: answer.user.id,
		fullName: answer.user.fullName,
		email: answer.user.email,
		role: answer.user.role,
		maxApplicants: answer.maxApplicants,
		cachedAt: Date.now()
	});
	localStorage.setItem(CACHED_FLAG, '1');
}

/** Removes everything of one account from this device: after signing out, on a shared phone. */
export async function forgetAccount(accountId: string): Promise<void> {
	const db = await database();
	await db.transaction(
		'rw',
		[
			db.session,
			db.applicants,
			db.applications,
			db.documents,
			db.outbox,
			db.conflicts,
			db.meta,
			db.receipts
		],
		async () => {
			await db.session.delete('current');
			for (const table of [db.applicants, db.applications, db.documents, db.outbox, db.conflicts]) {
				await table.where('accountId').equals(accountId).delete();
			}
			await db.receipts.where('accountId').equals(accountId).delete();
			await db.meta.filter((entry) => entry.key.endsWith(`:${accountId}`)).delete();
		}
	);
	await db.notices.where('accountId').equals(accountId).delete();
	localStorage.removeItem(CACHED_FLAG);
}

/** Changes made on this device that the server has not confirmed. */
export async function unsentChanges(accountId: string): Promise<number> {
	return (await database()).outbox.where('accountId').equals(accountId).count();
}
