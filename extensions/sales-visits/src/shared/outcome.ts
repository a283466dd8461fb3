/**
 * What the server tells the caller beyond “done” when a transition went through (POST
 * /visit-flow/… answers `meta.outcome`: a month plan submitted with customers left short).
 */
import type { Lang } from './texts.ts';

export interface ShownOutcome {
	type: 'warning';
	message: string;
}

/** The outcome of an answer's body in the panel's language, or null when the server said nothing more. */
export function outcomeOf(body: unknown, lang: Lang): ShownOutcome | null {
	const outcome = (body as { meta?: { outcome?: { message?: unknown; messages?: Record<string, unknown> } } } | null)
		?.meta?.outcome;
	if (!outcome) return null;
	const message = outcome.messages?.[lang] ?? outcome.message;
	return typeof message === 'string' && message ? { type: 'warning', message } : null;
}
