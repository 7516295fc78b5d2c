import type { SessionUser, ValidSession } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			session: ValidSession | null;
			user: SessionUser | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
