import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { inviteExpiry, inviteState, type OfficeRole } from '../../domain/staff-roles';
import { consume } from '../auth/rate-limits';
import { hashPassword } from '../auth/password';
import { randomToken, sha256 } from '../auth/tokens';
import type { Db } from '../db/client';
import { offices, staffInvites, users } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { AppError } from '../errors';
import { inviteMail, type MailLocale } from '../mail/templates';
import { absoluteUrl } from '../notify/mail';
import { enqueueMail } from '../queues/mail';

export interface Inviter {
	id: string;
	fullName: string;
}

function emailTaken(db: Pick<Db, 'select'>, email: string) {
	return db
		.select({ id: users.id })
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.toLowerCase()));
}

export function inviteUrl(token: string): string {
	return absoluteUrl(`/invite?${new URLSearchParams({ token })}`);
}

/** A new invitation to the same address replaces an open one: only the newest link works. */
function replaceOpenInvite(
	db: Db,
	input: { officeId: string; email: string; role: OfficeRole },
	inviter: Inviter,
	token: string,
	now: Date
) {
	return db.transaction(async (tx) => {
		await tx
			.update(staffInvites)
			.set({ revokedAt: now, revokedBy: inviter.id })
			.where(
				and(
					eq(staffInvites.officeId, input.officeId),
					eq(sql`lower(${staffInvites.email})`, input.email.toLowerCase()),
					isNull(staffInvites.acceptedAt),
					isNull(staffInvites.revokedAt)
				)
			);
		const [created] = await tx
			.insert(staffInvites)
			.values({
				officeId: input.officeId,
				email: input.email.toLowerCase(),
				role: input.role,
				tokenHash: sha256(token),
				invitedBy: inviter.id,
				createdAt: now,
				expiresAt: inviteExpiry(now)
			})
			.returning();
		return created!;
	});
}

/**
 * Mails a single-use link to join `officeId` as `role`. Who may invite into which office is
 * decided by the caller's procedure; this only keeps the invitation itself sound.
 *
 * An address that already has an account (an applicant's, or staff elsewhere) is refused:
 * one account has one role, and turning someone's applicant account into a staff account
 * would hide their own applications. Staff are invited at their office address instead.
 */
export async function createInvite(
	db: Db,
	input: { officeId: string; email: string; role: OfficeRole },
	inviter: Inviter,
	locale: MailLocale,
	now = new Date()
) {
	await consume('inviteSendByUser', inviter.id);
	const [office] = await db
		.select({ id: offices.id, name: offices.name, active: offices.active })
		.from(offices)
		.where(eq(offices.id, input.officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	if (!office.active) throw new AppError('office_inactive');
	if ((await emailTaken(db, input.email)).length > 0) {
		throw new AppError('invite_email_has_account', 'CONFLICT');
	}
	const token = randomToken();
	const invite = await replaceOpenInvite(db, input, inviter, token, now).catch((error) => {
		// Two invitations to one address at the same moment: the other one stands.
		if (isUniqueViolation(error)) throw new AppError('invite_pending', 'CONFLICT');
		throw error;
	});
	await enqueueMail(
		inviteMail({
			to: invite.email,
			inviter: inviter.fullName,
			office: office.name,
			role: input.role,
			url: inviteUrl(token),
			expiresAt: invite.expiresAt,
			locale
		})
	);
	return publicInvite(invite, now);
}

type InviteRow = typeof staffInvites.$inferSelect;

/** An invitation as a list shows it: never its token hash. */
function publicInvite(invite: InviteRow, now: Date) {
	return {
		id: invite.id,
		officeId: invite.officeId,
		email: invite.email,
		role: invite.role,
		createdAt: invite.createdAt,
		expiresAt: invite.expiresAt,
		acceptedAt: invite.acceptedAt,
		revokedAt: invite.revokedAt,
		state: inviteState(invite, now)
	};
}

export async function listInvites(db: Db, officeId: string, now = new Date()) {
	const rows = await db
		.select()
		.from(staffInvites)
		.where(eq(staffInvites.officeId, officeId))
		.orderBy(desc(staffInvites.createdAt))
		.limit(200);
	return rows.map((row) => publicInvite(row, now));
}

/** Revokes an open invitation of `officeId`; another office's invitation is "not found". */
export async function revokeInvite(
	db: Db,
	officeId: string,
	inviteId: string,
	revokedBy: string,
	now = new Date()
) {
	const [invite] = await db
		.select()
		.from(staffInvites)
		.where(and(eq(staffInvites.id, inviteId), eq(staffInvites.officeId, officeId)));
	if (!invite) throw new AppError('invite_not_found', 'NOT_FOUND');
	if (invite.acceptedAt) throw new AppError('invite_used');
	if (invite.revokedAt) return publicInvite(invite, now);
	const [revoked] = await db
		.update(staffInvites)
		.set({ revokedAt: now, revokedBy })
		.where(and(eq(staffInvites.id, inviteId), isNull(staffInvites.acceptedAt)))
		.returning();
	if (!revoked) throw new AppError('invite_used');
	return publicInvite(revoked, now);
}

function refusalFor(invite: InviteRow | undefined, now: Date): AppError | null {
	if (!invite) return new AppError('invite_invalid', 'NOT_FOUND');
	const state = inviteState(invite, now);
	if (state === 'accepted') return new AppError('invite_used');
	if (state === 'revoked') return new AppError('invite_revoked');
	if (state === 'expired') return new AppError('invite_expired');
	return null;
}

async function inviteByToken(db: Db, token: string) {
	const [row] = await db
		.select({ invite: staffInvites, officeName: offices.name, officeActive: offices.active })
		.from(staffInvites)
		.innerJoin(offices, eq(offices.id, staffInvites.officeId))
		.where(eq(staffInvites.tokenHash, sha256(token)));
	return row;
}

/** What the invitation page shows before the form: whose office, which role, which address. */
export async function previewInvite(db: Db, token: string, ip: string, now = new Date()) {
	await consume('codeEntryByIp', ip);
	const row = await inviteByToken(db, token);
	const refusal = refusalFor(row?.invite, now);
	if (refusal) throw refusal;
	return {
		email: row!.invite.email,
		role: row!.invite.role,
		officeName: row!.officeName,
		expiresAt: row!.invite.expiresAt
	};
}

/**
 * Creates the staff account the invitation names and marks the invitation used, in one
 * transaction: the row lock makes a replayed or doubly submitted link fail cleanly.
 */
export async function acceptInvite(
	db: Db,
	input: { token: string; fullName: string; phone: string; password: string },
	meta: { ip: string; locale: MailLocale },
	now = new Date()
) {
	await consume('codeEntryByIp', meta.ip);
	// Hashing is slow on purpose; done before the lock so the transaction stays short.
	const passwordHash = await hashPassword(input.password);
	const created = db.transaction(async (tx) => {
		const [invite] = await tx
			.select()
			.from(staffInvites)
			.where(eq(staffInvites.tokenHash, sha256(input.token)))
			.for('update');
		const refusal = refusalFor(invite, now);
		if (refusal) throw refusal;
		const [office] = await tx
			.select({ active: offices.active })
			.from(offices)
			.where(eq(offices.id, invite!.officeId));
		if (!office?.active) throw new AppError('office_inactive');
		if ((await emailTaken(tx, invite!.email)).length > 0) {
			throw new AppError('invite_email_has_account', 'CONFLICT');
		}
		const [user] = await tx
			.insert(users)
			.values({
				email: invite!.email,
				fullName: input.fullName,
				phone: input.phone,
				passwordHash,
				role: invite!.role,
				officeId: invite!.officeId,
				locale: meta.locale,
				// The link reached this address, which proves it.
				emailVerifiedAt: now
			})
			.returning({ id: users.id, email: users.email, role: users.role, officeId: users.officeId });
		await tx
			.update(staffInvites)
			.set({ acceptedAt: now, acceptedUserId: user!.id })
			.where(eq(staffInvites.id, invite!.id));
		return user!;
	});
	return created.catch((error) => {
		// The address registered in the same instant: it has an account now.
		if (isUniqueViolation(error)) throw new AppError('invite_email_has_account', 'CONFLICT');
		throw error;
	});
}
