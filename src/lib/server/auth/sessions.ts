import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Role } from '../../domain/staff-roles';
import { offices, sessions, users } from '../db/schema';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'lancar_session';
const DAY_MS = 86_400_000;
// Writing last_seen on every request would make each page view a write.
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
	idleDays: number;
	absoluteDays: number;
}

export interface SessionUser {
	id: string;
	email: string;
	fullName: string;
	role: Role;
	officeId: string | null;
	officeTimeZone: string | null;
	locale: string;
}

export interface ValidSession {
	tokenHash: string;
	user: SessionUser;
	expiresAt: Date;
}

export async function createSession(
	db: Db,
	userId: string,
	policy: SessionPolicy,
	meta: { ip?: string; userAgent?: string } = {}
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomToken();
	const expiresAt = new Date(Date.now() + policy.absoluteDays * DAY_MS);
	await db.insert(sessions).values({
		tokenHash: sha256(token),
		userId,
		expiresAt,
		ip: meta.ip?.slice(0, 64) ?? null,
		userAgent: meta.userAgent?.slice(0, 300) ?? null
	});
	return { token, expiresAt };
}

function prepareSessionLookup(db: Db) {
	return db
		.select({
			lastSeenAt: sessions.lastSeenAt,
			expiresAt: sessions.expiresAt,
			user: {
				id: users.id,
				email: users.email,
				fullName: users.fullName,
				role: users.role,
				officeId: users.officeId,
				officeTimeZone: offices.timeZone,
				locale: users.locale
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.leftJoin(offices, eq(offices.id, users.officeId))
		.where(
			and(
				eq(sessions.tokenHash, sql.placeholder('tokenHash')),
				isNull(users.deactivatedAt),
				sql`${sessions.expiresAt} > ${sql.placeholder('now')}::timestamptz`,
				sql`${sessions.lastSeenAt} > ${sql.placeholder('idleCutoff')}::timestamptz`
			)
		)
		.prepare('session_lookup');
}

/**
 * The session lookup is built once per database handle: every request that is not in the
 * session cache runs it, and building the query anew each time cost more CPU than running it
 * while a waiting room filled (bench:booking).
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function sessionLookup(db: Db) {
	let lookup = sessionLookups.get(db);
	if (!lookup) {
		lookup = prepareSessionLookup(db);
		sessionLookups.set(db, lookup);
	}
	return lookup;
}

export async function validateSession(
	db: Db,
	token: string,
	policy: SessionPolicy,
	now = new Date()
): Promise<ValidSession | null> {
	if (!token || token.length > 100) return null;
	const tokenHash = sha256(token);
	const idleCutoff = new Date(now.getTime() - policy.idleDays * DAY_MS);
	const [row] = await sessionLookup(db).execute({
		tokenHash,
		now: now.toISOString(),
		idleCutoff: idleCutoff.toISOString()
	});
	if (!row) return null;
	if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
		await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
	}
	return { tokenHash, user: row.user, expiresAt: row.expiresAt };
}

/**
 * Recently validated sessions, kept for a few seconds per process: a waiting room's polls and
 * live streams would otherwise read the session table on every request at the busiest moment.
 * A session ended in another process stays usable here for at most CACHE_MS.
 */
const CACHE_MS = 10_000;
const validated = new Map<string, { at: number; session: ValidSession }>();

export async function validateSessionCached(
	db: Db,
	token: string,
	policy: SessionPolicy
): Promise<ValidSession | null> {
	if (!token || token.length > 100) return null;
	const tokenHash = sha256(token);
	const hit = validated.get(tokenHash);
	const now = Date.now();
	if (hit && now - hit.at < CACHE_MS && hit.session.expiresAt.getTime() > now) return hit.session;
	const session = await validateSession(db, token, policy);
	if (session) {
		validated.set(tokenHash, { at: now, session });
		if (validated.size > 50_000) validated.delete(validated.keys().next().value!);
	} else {
		validated.delete(tokenHash);
	}
	return session;
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
	validated.delete(tokenHash);
	await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** On a password change every session ends, except optionally the one that made the change. */
export async function revokeAllSessions(db: Db, userId: string, keepTokenHash?: string) {
	for (const [tokenHash, entry] of validated) {
		if (entry.session.user.id === userId && tokenHash !== keepTokenHash)
			validated.delete(tokenHash);
	}
	await db
		.delete(sessions)
		.where(
			keepTokenHash
				? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
				: eq(sessions.userId, userId)
		);
}

export async function deleteExpiredSessions(db: Db, policy: SessionPolicy, now = new Date()) {
	const idleCutoff = new Date(now.getTime() - policy.idleDays * DAY_MS);
	await db
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}
