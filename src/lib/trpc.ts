import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '$lib/server/trpc/router';
import { isQuotaExceeded } from './client/storage';
import { Refusal } from './refusal';

/** The browser's typed client for /api/trpc; the session cookie rides along. */
export const trpc = createTRPCClient<AppRouter>({
	links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })]
});

export interface ApiFailure {
	key: string;
	details: Record<string, unknown> | null;
	fieldErrors: Record<string, string[]>;
}

/** Turns any failure of a call into message keys a form can show; a lost connection included. */
export function describeFailure(error: unknown): ApiFailure {
	if (error instanceof Refusal) {
		return { key: error.key, details: error.details, fieldErrors: error.fieldErrors };
	}
	if (error instanceof TRPCClientError) {
		const data = error.data as
			| {
					key?: string | null;
					details?: Record<string, unknown> | null;
					fieldErrors?: Record<string, string[]> | null;
			  }
			| undefined;
		if (!data) return { key: 'network', details: null, fieldErrors: {} };
		return {
			key: data.key ?? 'unknown',
			details: data.details ?? null,
			fieldErrors: data.fieldErrors ?? {}
		};
	}
	if (isQuotaExceeded(error)) return { key: 'storage_full', details: null, fieldErrors: {} };
	return { key: 'unknown', details: null, fieldErrors: {} };
}
