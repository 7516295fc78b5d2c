import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, type JWK } from 'jose';

/**
 * Receipt private keys are stored sealed (JWE, direct AES-256-GCM) under a key derived from
 * RECEIPT_KEY_SECRET, so a database dump or a read replica does not give away the power to
 * sign receipts. The kid rides in the protected header, which GCM authenticates: a sealed key
 * cannot be moved onto another key's row.
 */
export interface SealedPrivateKey {
	jwe: string;
}

export type StoredPrivateKey = SealedPrivateKey | JWK;

export class SealedKeyError extends Error {
	constructor(kid: string) {
		super(
			`receipt key ${kid} cannot be opened: RECEIPT_KEY_SECRET differs from the one that sealed it`
		);
		this.name = 'SealedKeyError';
	}
}

function sealingKey(secret: string): Uint8Array {
	return new Uint8Array(hkdfSync('sha256', secret, 'lancar', 'receipt-private-keys', 32));
}

export function isSealed(stored: StoredPrivateKey): stored is SealedPrivateKey {
	return typeof (stored as SealedPrivateKey).jwe === 'string';
}

export async function sealPrivateJwk(
	jwk: JWK,
	kid: string,
	secret: string
): Promise<SealedPrivateKey> {
	const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(jwk)))
		.setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid })
		.encrypt(sealingKey(secret));
	return { jwe };
}

/** Opens a sealed key; a key stored before sealing existed is returned as it is. */
export async function openPrivateJwk(
	stored: StoredPrivateKey,
	kid: string,
	secret: string
): Promise<JWK> {
	if (!isSealed(stored)) return stored;
	try {
		const { plaintext, protectedHeader } = await compactDecrypt(stored.jwe, sealingKey(secret));
		if (protectedHeader.kid !== kid) throw new SealedKeyError(kid);
		return JSON.parse(new TextDecoder().decode(plaintext)) as JWK;
	} catch (error) {
		if (error instanceof SealedKeyError) throw error;
		throw new SealedKeyError(kid);
	}
}
