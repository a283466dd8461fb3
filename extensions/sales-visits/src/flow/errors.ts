/** Refusals as Directus errors, so REST and GraphQL answer with their status and message. */
import { createError } from '@directus/errors';
import type { Language } from '../domain/language.ts';
import { explain, type FlowRefusal } from '../domain/refusals.ts';

const statuses = [400, 403, 404, 409, 422] as const;

const classes = Object.fromEntries(
	statuses.map((status) => [
		status,
		createError<{ reason: string; message: string; messages: Record<Language, string> }>(
			'VISIT_FLOW_REFUSED',
			(e) => e.message,
			status,
		),
	]),
) as Record<
	FlowRefusal['status'],
	ReturnType<typeof createError<{ reason: string; message: string; messages: Record<Language, string> }>>
>;

/** The refusal in the caller's language, with both languages and a stable `reason` in `extensions`. */
export function refusalError(refusal: FlowRefusal, language: Language): Error {
	const messages = { 'zh-CN': explain(refusal, 'zh-CN'), 'en-US': explain(refusal, 'en-US') };
	return new classes[refusal.status]({ reason: refusal.code, message: messages[language], messages });
}

/** Thrown inside a flow transaction to roll it back with a refusal. */
export class Refused extends Error {
	readonly refusal: FlowRefusal;
	constructor(refusal: FlowRefusal) {
		super(refusal.code);
		this.refusal = refusal;
	}
}

/** Turns a refusal thrown inside a flow transaction into a Directus error in `language`. */
export const asDirectusError =
	(language: Language) =>
	(error: unknown): never => {
		throw error instanceof Refused ? refusalError(error.refusal, language) : error;
	};
