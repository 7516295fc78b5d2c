import { and, eq, isNull } from 'drizzle-orm';
import type { PassportType } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { offices, quotaSubscriptions } from '../db/schema';
import { AppError } from '../errors';
import { isUnsubscribeToken } from './unsubscribe-token';

/** Subscribes a person to an office's releases; subscribing twice keeps the one row. */
export async function subscribe(
	db: Db,
	userId: string,
	officeCode: string,
	passportType: PassportType | null
) {
	const [office] = await db
		.select({ id: offices.id, passportTypes: offices.passportTypes })
		.from(offices)
		.where(and(eq(offices.code, officeCode), eq(offices.active, true)));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	if (passportType && !office.passportTypes.includes(passportType))
		throw new AppError('notify_passport_type_not_offered', 'BAD_REQUEST');
	await db
		.insert(quotaSubscriptions)
		.values({ userId, officeId: office.id, passportType })
		.onConflictDoNothing();
	const [row] = await db
		.select({ id: quotaSubscriptions.id })
		.from(quotaSubscriptions)
		.where(
			and(
				eq(quotaSubscriptions.userId, userId),
				eq(quotaSubscriptions.officeId, office.id),
				passportType === null
					? isNull(quotaSubscriptions.passportType)
					: eq(quotaSubscriptions.passportType, passportType)
			)
		);
	return { id: row!.id };
}

export function listSubscriptions(db: Db, userId: string) {
	return db
		.select({
			id: quotaSubscriptions.id,
			passportType: quotaSubscriptions.passportType,
			officeCode: offices.code,
			officeName: offices.name
		})
		.from(quotaSubscriptions)
		.innerJoin(offices, eq(offices.id, quotaSubscriptions.officeId))
		.where(eq(quotaSubscriptions.userId, userId))
		.orderBy(offices.name);
}

/** The signed-in person removes one of their own subscriptions; others' rows are not found. */
export async function unsubscribeOwn(db: Db, userId: string, subscriptionId: string) {
	const removed = await db
		.delete(quotaSubscriptions)
		.where(and(eq(quotaSubscriptions.id, subscriptionId), eq(quotaSubscriptions.userId, userId)))
		.returning({ id: quotaSubscriptions.id });
	if (removed.length === 0) throw new AppError('notify_subscription_not_found', 'NOT_FOUND');
}

/**
 * The email link: no session, the token alone proves the reader got this subscription's mail.
 * A wrong token is refused the same way as an unknown subscription, so ids cannot be probed.
 * Following the link again after it worked is not an error.
 */
export async function unsubscribeWithToken(db: Db, subscriptionId: string, token: string) {
	if (!(await isUnsubscribeToken(subscriptionId, token)))
		throw new AppError('notify_unsubscribe_invalid', 'FORBIDDEN');
	const [subscription] = await db
		.select({ officeName: offices.name })
		.from(quotaSubscriptions)
		.innerJoin(offices, eq(offices.id, quotaSubscriptions.officeId))
		.where(eq(quotaSubscriptions.id, subscriptionId));
	await db.delete(quotaSubscriptions).where(eq(quotaSubscriptions.id, subscriptionId));
	return { officeName: subscription?.officeName ?? null };
}
