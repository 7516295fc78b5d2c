/**
 * Receipt signing keys:
 *   npm run receipt-keys -- list     every key, newest first (the newest unretired one signs)
 *   npm run receipt-keys -- rotate   a new signing key; old keys stay published in the JWKS
 *   npm run receipt-keys -- seal     seals keys stored in the clear by an older version
 * Keys are sealed with RECEIPT_KEY_SECRET: run with the same secret as the app.
 * With the embedded database (no DATABASE_URL) run it while the app is stopped.
 */
import { closeDatabase, database } from '../src/lib/server/db';
import { listReceiptKeys, rotateReceiptKey, sealStoredKeys } from '../src/lib/server/receipts/keys';

const command = process.argv[2] ?? 'list';
if (command !== 'list' && command !== 'rotate' && command !== 'seal') {
	console.error('usage: npm run receipt-keys -- list|rotate|seal');
	process.exit(2);
}

const handle = await database();
await handle.migrate();
if (command === 'rotate') {
	const kid = await rotateReceiptKey(handle.db);
	console.log(`New signing key ${kid}; earlier keys stay published for receipts already issued.`);
}
if (command === 'seal') {
	console.log(`Sealed ${await sealStoredKeys(handle.db)} key(s) stored in the clear.`);
}
for (const key of await listReceiptKeys(handle.db)) {
	const state = key.retiredAt ? `retired ${key.retiredAt.toISOString()}` : 'signing';
	console.log(`${key.kid}\tcreated ${key.createdAt.toISOString()}\t${state}`);
}
await closeDatabase();
