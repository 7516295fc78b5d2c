import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { emailCodes, sessions, users } from '../../src/lib/server/db/schema';
import {
	FakeBrowser,
	mailsTo,
	PASSWORD,
	registration,
	signedInApplicant,
	uniqueEmail,
	waitForCode
} from './harness';
import { expectInvalid, expectRefusal } from './refusal';

async function registerNew(label = 'reg') {
	const browser = new FakeBrowser();
	const email = uniqueEmail(label);
	const since = new Date(Date.now() - 1000);
	await (await browser.caller()).auth.register(registration(email));
	return { browser, email, since };
}

async function userByEmail(email: string) {
	const [user] = await (await db()).select().from(users).where(eq(users.email, email));
	return user!;
}

describe('auth.register', () => {
	it('stores an argon2id hash, mails an 8-digit code, and does not sign in yet', async () => {
		const { browser, email, since } = await registerNew();
		const user = await userByEmail(email);
		expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(user.passwordHash).not.toContain(PASSWORD);
		expect(user.emailVerifiedAt).toBeNull();
		expect(user.phone).toBe('+6281234567890');
		expect(await waitForCode(email, since)).toMatch(/^\d{8}$/);
		expect(browser.token).toBeNull();
		expect(await (await browser.caller()).auth.me()).toBeNull();
	});

	it('answers the same for a taken email and tells the owner by mail instead', async () => {
		const owner = await signedInApplicant('owner');
		const me = await (await owner.caller()).auth.me();
		const intruder = new FakeBrowser();
		const result = await (await intruder.caller()).auth.register(registration(me!.email));
		expect(result).toEqual({ ok: true });
		await expect
			.poll(async () => (await mailsTo(me!.email)).map((mail) => mail.subject))
			.toContain('Ada yang mencoba mendaftar dengan email Anda');
		// The owner's password is untouched: the original still logs in.
		const again = new FakeBrowser();
		const login = await (await again.caller()).auth.login({ email: me!.email, password: PASSWORD });
		expect(login.status).toBe('ok');
	});

	it('refuses bad input with message keys per field', async () => {
		const browser = new FakeBrowser();
		const fields = await expectInvalid(
			(await browser.caller()).auth.register({
				fullName: '',
				email: 'not-an-email',
				phone: '12345',
				birthDate: '2015-01-01',
				password: 'short'
			})
		);
		expect(fields).toEqual({
			fullName: ['required'],
			email: ['email_invalid'],
			phone: ['phone_invalid'],
			birthDate: ['account_holder_too_young'],
			password: ['password_too_short']
		});
	});

	it('rate-limits registrations from one address', async () => {
		const browser = new FakeBrowser();
		const caller = await browser.caller();
		for (let i = 0; i < 20; i++) await caller.auth.register(registration(uniqueEmail('burst')));
		await expectRefusal(
			caller.auth.register(registration(uniqueEmail('burst'))),
			'TOO_MANY_REQUESTS',
			'too_many_attempts'
		);
	});
});

describe('auth.verifyEmail', () => {
	it('activates the account and opens a session with the right code', async () => {
		const { browser, email, since } = await registerNew();
		const code = await waitForCode(email, since);
		await (await browser.caller()).auth.verifyEmail({ email, code });
		expect(browser.token).toMatch(/^[\w-]{43}$/);
		expect((await (await browser.caller()).auth.me())?.email).toBe(email);
		expect((await userByEmail(email)).emailVerifiedAt).toBeInstanceOf(Date);
		// Only the token's hash is stored.
		const stored = await (await db()).select().from(sessions);
		expect(stored.some((row) => row.tokenHash === browser.token)).toBe(false);
	});

	it('is single use', async () => {
		const { browser, email, since } = await registerNew();
		const code = await waitForCode(email, since);
		await (await browser.caller()).auth.verifyEmail({ email, code });
		const other = new FakeBrowser();
		await expectRefusal(
			(await other.caller()).auth.verifyEmail({ email, code }),
			'BAD_REQUEST',
			'code_expired'
		);
	});

	it('allows five wrong guesses per code, then refuses even the right one', async () => {
		const { browser, email, since } = await registerNew();
		const code = await waitForCode(email, since);
		const wrong = code === '00000000' ? '11111111' : '00000000';
		const caller = await browser.caller();
		for (let i = 0; i < 4; i++) {
			await expectRefusal(
				caller.auth.verifyEmail({ email, code: wrong }),
				'BAD_REQUEST',
				'code_invalid'
			);
		}
		await expectRefusal(
			caller.auth.verifyEmail({ email, code: wrong }),
			'BAD_REQUEST',
			'code_too_many_attempts'
		);
		await expectRefusal(
			caller.auth.verifyEmail({ email, code }),
			'BAD_REQUEST',
			'code_too_many_attempts'
		);
	});

	it('refuses a code older than 10 minutes', async () => {
		const { browser, email, since } = await registerNew();
		const code = await waitForCode(email, since);
		const user = await userByEmail(email);
		await (
			await db()
		)
			.update(emailCodes)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(emailCodes.userId, user.id));
		await expectRefusal(
			(await browser.caller()).auth.verifyEmail({ email, code }),
			'BAD_REQUEST',
			'code_expired'
		);
	});

	it('only accepts the latest code after a resend', async () => {
		const { browser, email, since } = await registerNew();
		const first = await waitForCode(email, since);
		const resentAt = new Date();
		await (await browser.caller()).auth.resendVerification({ email });
		const second = await waitForCode(email, resentAt);
		expect(second).not.toBe(first);
		await expectRefusal(
			(await browser.caller()).auth.verifyEmail({ email, code: first }),
			'BAD_REQUEST'
		);
		await (await browser.caller()).auth.verifyEmail({ email, code: second });
		expect(browser.token).not.toBeNull();
	});

	it('answers an unknown email like a wrong code', async () => {
		await expectRefusal(
			(await new FakeBrowser().caller()).auth.verifyEmail({
				email: uniqueEmail('nobody'),
				code: '12345678'
			}),
			'BAD_REQUEST',
			'code_invalid'
		);
	});
});

describe('auth.login and logout', () => {
	it('gives the same refusal for a wrong password and an unknown email', async () => {
		const owner = await signedInApplicant();
		const email = (await (await owner.caller()).auth.me())!.email;
		const browser = new FakeBrowser();
		await expectRefusal(
			(await browser.caller()).auth.login({ email, password: 'wrong-password-123' }),
			'UNAUTHORIZED',
			'login_failed'
		);
		await expectRefusal(
			(await browser.caller()).auth.login({ email: uniqueEmail('ghost'), password: PASSWORD }),
			'UNAUTHORIZED',
			'login_failed'
		);
	});

	it('logs in case-insensitively and logs out by revoking the session', async () => {
		const owner = await signedInApplicant();
		const email = (await (await owner.caller()).auth.me())!.email;
		const browser = new FakeBrowser();
		const result = await (
			await browser.caller()
		).auth.login({
			email: email.toUpperCase(),
			password: PASSWORD
		});
		expect(result).toEqual({ status: 'ok' });
		const token = browser.token!;
		await (await browser.caller()).auth.logout();
		expect(browser.token).toBeNull();
		browser.token = token; // a stolen copy of the old cookie no longer works
		expect(await (await browser.caller()).auth.me()).toBeNull();
	});

	it('sends an unverified account back to verification with a fresh code', async () => {
		const { email, since } = await registerNew();
		await waitForCode(email, since);
		const browser = new FakeBrowser();
		const resentAt = new Date();
		const result = await (await browser.caller()).auth.login({ email, password: PASSWORD });
		expect(result).toEqual({ status: 'needs_verification' });
		expect(browser.token).toBeNull();
		expect(await waitForCode(email, resentAt)).toMatch(/^\d{8}$/);
	});

	it('locks out guessing on one account after ten failures', async () => {
		const owner = await signedInApplicant();
		const email = (await (await owner.caller()).auth.me())!.email;
		const attacker = new FakeBrowser();
		const caller = await attacker.caller();
		for (let i = 0; i < 10; i++) {
			await expectRefusal(
				caller.auth.login({ email, password: `guess-${i}-xxxxx` }),
				'UNAUTHORIZED'
			);
		}
		await expectRefusal(
			caller.auth.login({ email, password: PASSWORD }),
			'TOO_MANY_REQUESTS',
			'too_many_attempts'
		);
	});

	it('ends a session that has been idle too long', async () => {
		const browser = await signedInApplicant();
		await (await db()).update(sessions).set({ lastSeenAt: new Date(Date.now() - 8 * 86_400_000) });
		expect(await (await browser.caller()).auth.me()).toBeNull();
	});
});

describe('password reset and change', () => {
	it('resets with an emailed code and signs out every session', async () => {
		const phone = await signedInApplicant('reset');
		const email = (await (await phone.caller()).auth.me())!.email;
		const laptop = new FakeBrowser();
		await (await laptop.caller()).auth.login({ email, password: PASSWORD });

		const since = new Date();
		await (await new FakeBrowser().caller()).auth.requestPasswordReset({ email });
		const code = await waitForCode(email, since);
		const newPassword = 'nasi-goreng-pedas-sekali';
		await (await new FakeBrowser().caller()).auth.resetPassword({ email, code, newPassword });

		expect(await (await phone.caller()).auth.me()).toBeNull();
		expect(await (await laptop.caller()).auth.me()).toBeNull();
		await expectRefusal(
			(await new FakeBrowser().caller()).auth.login({ email, password: PASSWORD }),
			'UNAUTHORIZED'
		);
		const fresh = new FakeBrowser();
		expect(await (await fresh.caller()).auth.login({ email, password: newPassword })).toEqual({
			status: 'ok'
		});
		await expect
			.poll(async () => (await mailsTo(email)).map((mail) => mail.subject))
			.toContain('Kata sandi Lancar Anda telah diganti');
	});

	it('answers a reset request for an unknown email like any other, and sends nothing', async () => {
		const email = uniqueEmail('unknown');
		const result = await (await new FakeBrowser().caller()).auth.requestPasswordReset({ email });
		expect(result).toEqual({ ok: true });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await mailsTo(email)).toHaveLength(0);
	});

	it('changes the password, keeping only the device that changed it', async () => {
		const phone = await signedInApplicant('change');
		const email = (await (await phone.caller()).auth.me())!.email;
		const laptop = new FakeBrowser();
		await (await laptop.caller()).auth.login({ email, password: PASSWORD });

		await expectRefusal(
			(await phone.caller()).auth.changePassword({
				currentPassword: 'not-my-password',
				newPassword: 'rendang-padang-enak'
			}),
			'BAD_REQUEST',
			'current_password_wrong'
		);
		await (
			await phone.caller()
		).auth.changePassword({
			currentPassword: PASSWORD,
			newPassword: 'rendang-padang-enak'
		});
		expect((await (await phone.caller()).auth.me())?.email).toBe(email);
		expect(await (await laptop.caller()).auth.me()).toBeNull();
	});

	it('refuses a password change when not signed in', async () => {
		await expectRefusal(
			(await new FakeBrowser().caller()).auth.changePassword({
				currentPassword: PASSWORD,
				newPassword: 'rendang-padang-enak'
			}),
			'UNAUTHORIZED',
			'unauthorized'
		);
	});
});
