import type { DocumentRequirement, DocumentType } from '$lib/domain/documents';
import * as m from '$lib/paraglide/messages';

type Messages = Record<string, (() => string) | undefined>;

export function documentTypeLabel(type: DocumentType): string {
	return (m as unknown as Messages)[`document_type_${type}`]?.() ?? type;
}

export function documentTypeHint(type: DocumentType): string | null {
	return (m as unknown as Messages)[`document_type_${type}_hint`]?.() ?? null;
}

/** A requirement's name: its own message for "one of these", else its only document's name. */
export function documentLabel(requirement: DocumentRequirement): string {
	const own = (m as unknown as Messages)[`document_requirement_${requirement.id}`];
	if (own) return own();
	return requirement.anyOf.map(documentTypeLabel).join(' / ');
}
