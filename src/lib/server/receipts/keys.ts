import { randomBytes } from 'node:crypto';
import { desc, eq, isNull, sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { RECEIPT_ALGORITHM } from '../../receipts/claims';
import type { Db } from '../db/client';
import { config } from '../config';
import { receiptKeys } from '../db/schema';
import { isSealed, openPrivateJwk, sealPrivateJwk, type StoredPrivateKey } from './sealed-key';

/**
 * Receipt signing keys live in PostgreSQL, so every process signs with the same key and
 * publishes the same set. The newest unretired key signs. Rotation adds a key and retires the
 * old one from signing, but keeps publishing it: receipts already in people's phones keep
 * verifying until their appointment day is over.
 */

export interface SigningKey {
	kid: string;
	privateKey: CryptoKey;
}

async function newKeyRow() {
	const { publicKey, privateKey } = await generateKeyPair(RECEIPT_ALGORITHM, { extractable: true });
	// Short ids keep the QR small; the date says when the key came in at a glance.
	const kid = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
	const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: RECEIPT_ALGORITHM, use: 'sig' };
	const privateJwk = await sealPrivateJwk(
		{ ...(await exportJWK(privateKey)), kid, alg: RECEIPT_ALGORITHM },
		kid,
		config().receiptKeySecret
	);
	return { kid, publicJwk, privateJwk };
}

/** Adds a signing key and retires the others from signing (they stay published). */
export async function rotateReceiptKey(db: Db): Promise<string> {
	const row = await newKeyRow();
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('receipt_keys'))`);
		await tx
			.update(receiptKeys)
			.set({ retiredAt: new Date() })
			.where(isNull(receiptKeys.retiredAt));
		await tx.insert(receiptKeys).values(row);
	});
	return row.kid;
}

/**
 * The key that signs now; the first call on a fresh database creates it. The row is read
 * each time, so a rotation in any process takes effect at once; unsealing is done once per key.
 */
export async function signingKey(db: Db): Promise<SigningKey> {
	let [current] = await db
		.select()
		.from(receiptKeys)
		.where(isNull(receiptKeys.retiredAt))
		.orderBy(desc(receiptKeys.createdAt))
		.limit(1);
	if (!current) {
		const row = await newKeyRow();
		// Two processes starting together must not both create one: the lock makes one wait.
		current = await db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext('receipt_keys'))`);
			const [raced] = await tx
				.select()
				.from(receiptKeys)
				.where(isNull(receiptKeys.retiredAt))
				.orderBy(desc(receiptKeys.createdAt))
				.limit(1);
			if (raced) return raced;
			const [inserted] = await tx.insert(receiptKeys).values(row).returning();
			return inserted!;
		});
	}
	return { kid: current.kid, privateKey: await openedKey(current.kid, current.privateJwk) };
}

/** Private keys unsealed so far, by key id: a key never changes under its id. */
const opened = new Map<string, Promise<CryptoKey>>();

function openedKey(kid: string, stored: StoredPrivateKey): Promise<CryptoKey> {
	let key = opened.get(kid);
	if (!key) {
		key = openPrivateJwk(stored, kid, config().receiptKeySecret).then(
			(jwk) => importJWK(jwk, RECEIPT_ALGORITHM) as Promise<CryptoKey>
		);
		// A failure (wrong secret) is not kept: the next receipt tries again.
		key.catch(() => opened.delete(kid));
		opened.set(kid, key);
	}
	return key;
}

/** Seals keys stored in the clear before sealing existed; returns how many it sealed. */
export async function sealStoredKeys(db: Db): Promise<number> {
	const secret = config().receiptKeySecret;
	const rows = await db.select().from(receiptKeys);
	let sealed = 0;
	for (const row of rows) {
		if (isSealed(row.privateJwk)) continue;
		await db
			.update(receiptKeys)
			.set({ privateJwk: await sealPrivateJwk(row.privateJwk as JWK, row.kid, secret) })
			.where(eq(receiptKeys.kid, row.kid));
		sealed++;
	}
	return sealed;
}

/** Every key ever used to sign, public halves only, newest first. */
export async function publishedJwks(db: Db): Promise<JSONWebKeySet> {
	const rows = await db
		.select({ publicJwk: receiptKeys.publicJwk })
		.from(receiptKeys)
		.orderBy(desc(receiptKeys.createdAt));
	return { keys: rows.map((row) => row.publicJwk) };
}

export async function listReceiptKeys(db: Db) {
	return db
		.select({
			kid: receiptKeys.kid,
			createdAt: receiptKeys.createdAt,
			retiredAt: receiptKeys.retiredAt
		})
		.from(receiptKeys)
		.orderBy(desc(receiptKeys.createdAt));
}
