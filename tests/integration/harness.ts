import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import { validateSession } from '../../src/lib/server/auth/sessions';
import { todayInWib } from '../../src/lib/server/clock';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import { devMail } from '../../src/lib/server/db/schema';
import type { Context } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';

/** A browser as the server sees it: an IP address and a cookie jar holding at most a session. */
export class FakeBrowser {
	token: string | null = null;
	readonly ip = `10.${[0, 0, 0].map(() => randomBytes(1)[0]! % 250).join('.')}`;

	async caller() {
		const settings = config();
		const database = await db();
		const session = this.token
			? await validateSession(database, this.token, {
					idleDays: settings.SESSION_IDLE_DAYS,
					absoluteDays: settings.SESSION_ABSOLUTE_DAYS
				})
			: null;
		const context: Context = {
			db: database,
			config: settings,
			session,
			ip: this.ip,
			locale: 'id',
			today: todayInWib(),
			setSessionCookie: (token) => {
				this.token = token;
			},
			clearSessionCookie: () => {
				this.token = null;
			}
		};
		return createCaller(context);
	}
}

export function uniqueEmail(label = 'user'): string {
	return `${label}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}@example.id`;
}

/** Waits for the mail worker to deliver a message to the dev mailbox; returns its 8-digit code. */
export async function waitForCode(to: string, since: Date, timeoutMs = 10_000): Promise<string> {
	const database = await db();
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const [mail] = await database
			.select()
			.from(devMail)
			.where(and(eq(devMail.to, to.toLowerCase()), gt(devMail.createdAt, since)))
			.orderBy(desc(devMail.createdAt))
			.limit(1);
		const code = mail?.text.match(/\b\d{8}\b/)?.[0];
		if (code) return code;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`no code mailed to ${to} within ${timeoutMs} ms`);
}

export async function mailsTo(to: string) {
	const database = await db();
	return database.select().from(devMail).where(eq(devMail.to, to.toLowerCase()));
}

export const PASSWORD = 'kopi-susu-gula-aren';

export function registration(email: string) {
	return {
		fullName: 'Siti Rahmawati',
		email,
		phone: '0812 3456 7890',
		birthDate: '1985-12-03',
		password: PASSWORD
	};
}

/** A signed-in, verified applicant account, created through the real procedures. */
export async function signedInApplicant(label = 'applicant'): Promise<FakeBrowser> {
	const browser = new FakeBrowser();
	const email = uniqueEmail(label);
	const since = new Date(Date.now() - 1000);
	await (await browser.caller()).auth.register(registration(email));
	const code = await waitForCode(email, since);
	await (await browser.caller()).auth.verifyEmail({ email, code });
	return browser;
}

/** Valid applicant profiles with NIKs that agree with their birth dates and sexes. */
export const PROFILES = {
	siti: {
		nik: '3273014312850002',
		fullName: 'Siti Rahmawati',
		birthPlace: 'Bandung',
		birthDate: '1985-12-03',
		sex: 'F' as const,
		maritalStatus: 'married' as const,
		occupation: 'Guru',
		provinceCode: '32',
		regency: 'Kota Bandung',
		district: 'Sukajadi',
		address: 'Jl. Pasteur No. 12, RT 03/RW 05',
		phone: '081234567890',
		email: '',
		motherName: 'Aminah',
		fatherName: 'Hasan',
		isAccountHolder: true
	},
	budi: {
		nik: '3174051705900001',
		fullName: 'Budi Santoso',
		birthPlace: 'Jakarta',
		birthDate: '1990-05-17',
		sex: 'M' as const,
		maritalStatus: 'married' as const,
		occupation: 'Karyawan swasta',
		provinceCode: '31',
		regency: 'Jakarta Selatan',
		district: 'Kebayoran Baru',
		address: 'Jl. Melawai Raya No. 5',
		phone: '+62 811 222 3333',
		email: 'budi@example.id',
		motherName: 'Sri Wahyuni',
		fatherName: 'Slamet',
		isAccountHolder: false
	}
};

/** A child's profile: born 2015-08-09, so under 17 and never married. */
export function childProfile(serial: number, sex: 'M' | 'F' = 'M') {
	const day = sex === 'F' ? '49' : '09';
	return {
		...PROFILES.budi,
		nik: `327301${day}0815${String(serial).padStart(4, '0')}`,
		fullName: `Anak Ke ${['Satu', 'Dua', 'Tiga', 'Empat', 'Lima', 'Enam'][serial - 1] ?? 'Lain'}`,
		birthDate: '2015-08-09',
		sex,
		maritalStatus: 'single' as const,
		email: ''
	};
}
