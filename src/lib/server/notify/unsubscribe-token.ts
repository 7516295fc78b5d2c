import { createHmac, timingSafeEqual } from 'node:crypto';
import { tokenSecret } from '../waiting-room/tokens';

// The purpose is part of what is signed, so this MAC can never pass as an admission token.
const PURPOSE = 'lancar.unsubscribe.v1';

async function mac(subscriptionId: string): Promise<Buffer> {
	return createHmac('sha256', await tokenSecret())
		.update(`${PURPOSE}.${subscriptionId}`)
		.digest();
}

/** A token that proves its bearer received mail for this one subscription. */
export async function unsubscribeToken(subscriptionId: string): Promise<string> {
	return (await mac(subscriptionId)).toString('base64url');
}

export async function isUnsubscribeToken(subscriptionId: string, token: string): Promise<boolean> {
	const expected = await mac(subscriptionId);
	const given = Buffer.from(token, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
