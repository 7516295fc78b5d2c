import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { letterFor } from '$lib/server/letters/access';
import type { RequestHandler } from './$types';

/** The booking's Surat Pengantar (PDF): its applicant, or staff of its office. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = locals.user;
	if (!user) return json({ key: 'unauthorized' }, { status: 401 });
	const bookingId = z.uuid().safeParse(params.bookingId);
	if (!bookingId.success) return json({ key: 'letter_not_found' }, { status: 404 });
	const answer = await letterFor(await db(), user, bookingId.data);
	if (answer.kind === 'not_found') return json({ key: 'letter_not_found' }, { status: 404 });
	// Rendering takes a moment after payment: the app asks again shortly.
	if (answer.kind === 'not_ready') return json({ key: 'letter_not_ready' }, { status: 409 });
	const fileName = `surat-pengantar-${answer.applicationNumber || bookingId.data}.pdf`;
	return new Response(answer.pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
			'content-length': String(answer.pdf.byteLength)
		}
	});
};
