import * as m from '$lib/paraglide/messages';

type MessageFunction = (params?: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, MessageFunction | undefined>;

// The application wizard's messages (document_type_<type>) win once they exist; until then the
// documents feature's own labels (doc_label_<type>) stand in.
export function documentTypeLabel(type: string): string {
	return (messages[`document_type_${type}`] ?? messages[`doc_label_${type}`])?.() ?? type;
}

export function documentTypeHint(type: string): string | null {
	return (messages[`document_type_${type}_hint`] ?? messages[`doc_hint_${type}`])?.() ?? null;
}
