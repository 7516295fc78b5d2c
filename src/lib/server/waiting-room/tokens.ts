import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
	admissionTokenPayloadSchema,
	isTokenLive,
	type AdmissionTokenPayload
} from '../../domain/waiting-room';
import { config } from '../config';
import { AppError } from '../errors';
import { logger } from '../logger';
import { redis, redisKey } from '../redis';

let secret: Promise<Buffer> | undefined;

/**
 * The HMAC key. Production sets ADMISSION_TOKEN_SECRET; elsewhere the processes agree on a
 * random key kept in Redis, so development and tests need no setting.
 */
export function tokenSecret(): Promise<Buffer> {
	secret ??= (async () => {
		const configured = config().ADMISSION_TOKEN_SECRET;
		if (configured) return Buffer.from(configured, 'utf8');
		const key = redisKey('admission-secret');
		await redis().set(key, randomBytes(32).toString('base64url'), 'NX');
		const shared = await redis().get(key);
		if (!shared) throw new Error('admission secret missing in Redis');
		logger().warn('ADMISSION_TOKEN_SECRET is not set; using a random key shared through Redis');
		return Buffer.from(shared, 'utf8');
	})();
	return secret;
}

export function resetTokenSecretForTests(): void {
	secret = undefined;
}

export function newTokenId(): string {
	return randomBytes(16).toString('base64url');
}

function mac(key: Buffer, body: string): Buffer {
	return createHmac('sha256', key).update(body).digest();
}

export async function signAdmissionToken(payload: AdmissionTokenPayload): Promise<string> {
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
	return `${body}.${mac(await tokenSecret(), body).toString('base64url')}`;
}

/**
 * Checks signature, shape and expiry, and that the token belongs to this account and room.
 * Whether it was already spent is the room's to say (see room.ts, spendAdmission).
 */
export async function verifyAdmissionToken(
	token: string,
	expected: { accountId: string; releaseId?: string },
	now = Date.now()
): Promise<AdmissionTokenPayload> {
	const [body, signature, ...rest] = token.split('.');
	if (!body || !signature || rest.length > 0)
		throw new AppError('admission_token_invalid', 'FORBIDDEN');
	const expectedMac = mac(await tokenSecret(), body);
	const givenMac = Buffer.from(signature, 'base64url');
	if (givenMac.length !== expectedMac.length || !timingSafeEqual(givenMac, expectedMac)) {
		throw new AppError('admission_token_invalid', 'FORBIDDEN');
	}
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
	} catch {
		throw new AppError('admission_token_invalid', 'FORBIDDEN');
	}
	const parsed = admissionTokenPayloadSchema.safeParse(decoded);
	if (!parsed.success) throw new AppError('admission_token_invalid', 'FORBIDDEN');
	const payload = parsed.data;
	if (payload.sub !== expected.accountId)
		throw new AppError('admission_token_invalid', 'FORBIDDEN');
	if (expected.releaseId && payload.rel !== expected.releaseId) {
		throw new AppError('admission_token_invalid', 'FORBIDDEN');
	}
	if (!isTokenLive(payload, now)) throw new AppError('admission_token_expired', 'FORBIDDEN');
	return payload;
}
