/**
 * Creates the first admin account:
 *   npm run admin:create -- --email admin@example.id --name "Admin Pusat" --phone 0812... [--password ...]
 * Without --password, it is read from the ADMIN_PASSWORD variable or asked for on the terminal.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
	emailSchema,
	passwordSchema,
	personNameSchema,
	phoneSchema
} from '../src/lib/domain/account';
import { AppError } from '../src/lib/server/errors';
import { database } from '../src/lib/server/db';
import { closeDatabase } from '../src/lib/server/db';
import { createPrivilegedUser } from '../src/lib/server/users';

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string', default: 'Administrator' },
		phone: { type: 'string', default: '+6281100000000' },
		password: { type: 'string' }
	}
});

async function askPassword(): Promise<string> {
	if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
	const prompt = createInterface({ input: process.stdin, output: process.stdout });
	const answer = await prompt.question('Password for the new admin: ');
	prompt.close();
	return answer;
}

const input = z
	.object({
		email: emailSchema,
		fullName: personNameSchema,
		phone: phoneSchema,
		password: passwordSchema
	})
	.safeParse({
		email: values.email ?? '',
		fullName: values.name,
		phone: values.phone,
		password: values.password ?? (await askPassword())
	});

if (!input.success) {
	for (const issue of input.error.issues)
		console.error(`--${issue.path.join('.')}: ${issue.message}`);
	console.error(
		'usage: npm run admin:create -- --email EMAIL [--name NAME] [--phone PHONE] [--password PASSWORD]'
	);
	process.exit(2);
}

const handle = await database();
await handle.migrate();
try {
	const admin = await createPrivilegedUser(handle.db, { ...input.data, role: 'admin' });
	console.log(`admin created: ${admin.email}`);
} catch (error) {
	if (error instanceof AppError) {
		console.error(`not created: ${error.key}`);
		process.exitCode = 1;
	} else throw error;
} finally {
	await closeDatabase();
}
