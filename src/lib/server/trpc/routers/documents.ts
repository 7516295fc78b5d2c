import { z } from 'zod';
import { listCurrentDocuments, withdrawDocument } from '../../documents/records';
import { documentStorage } from '../../documents/storage-from-config';
import { logger } from '../../logger';
import { applicantProcedure, router } from '../init';

export const documentsRouter = router({
	/** The current documents of one of the person's applications (metadata only). */
	list: applicantProcedure
		.input(z.object({ applicationId: z.uuid({ error: 'document_application_not_found' }) }))
		.query(async ({ ctx, input }) => ({
			documents: await listCurrentDocuments(ctx.db, ctx.user.id, input.applicationId)
		})),

	/** Withdraws a current document; its file is deleted. Repeating it is harmless. */
	remove: applicantProcedure
		.input(z.object({ id: z.uuid({ error: 'document_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			const storageKey = await withdrawDocument(ctx.db, ctx.user.id, input.id);
			if (storageKey) {
				await documentStorage()
					.delete(storageKey)
					.catch((error: unknown) => {
						logger().warn({ err: error, documentId: input.id }, 'could not delete a file');
					});
			}
			return { ok: true as const };
		})
});
