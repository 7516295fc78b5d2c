/**
 * Receipt signing keys:
 *   npm run receipt-keys -- list     every key, newest first (the newest unretired one signs)
 *   npm run receipt-keys -- rotate   a new signing key; old keys stay published in the JWKS
 * With the embedded database (no DATABASE_URL) run it while the app is stopped.
 */
import { closeDatabase, database } from '../src/lib/server/db';
import { listReceiptKeys, rotateReceiptKey } from '../src/lib/server/receipts/keys';

const command = process.argv[2] ?? 'list';
if (command !== 'list' && command !== 'rotate') {
	console.error('usage: npm run receipt-keys -- list|rotate');
	process.exit(2);
}

const handle = await database();
await handle.migrate();
if (command === 'rotate') {
	const kid = await rotateReceiptKey(handle.db);
	console.log(`New signing key ${kid}; earlier keys stay published for receipts already issued.`);
}
for (const key of await listReceiptKeys(handle.db)) {
	const state = key.retiredAt ? `retired ${key.retiredAt.toISOString()}` : 'signing';
	console.log(`${key.kid}\tcreated ${key.createdAt.toISOString()}\t${state}`);
}
await closeDatabase();
