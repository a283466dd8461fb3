/**
 * The inputs of an offered action (domain/action-model.ts), as the action panel collects them:
 * a draft to start from, what is missing before posting, and the request body. The server
 * checks everything again; this only saves a round trip for an empty required field.
 */
import type { ActionInput, OfferedAction } from '../domain/action-model.ts';
import { t, type Lang, say } from './texts.ts';

export interface FollowUpDraft {
	description: string;
	due_date: string;
}

export type Draft = Record<string, unknown>;

/** Inputs the user fills in; a geolocation is taken from the device when the action is sent. */
export const typedInputs = (action: OfferedAction) => action.inputs.filter((i) => i.type !== 'geolocation');
export const needsPosition = (action: OfferedAction) => action.inputs.some((i) => i.type === 'geolocation');

/** The draft of an action: what the item holds already, else empty. */
export function initialDraft(action: OfferedAction): Draft {
	const draft: Draft = {};
	for (const input of typedInputs(action)) {
		if (input.type === 'follow_ups')
			draft[input.name] = Array.isArray(input.value)
				? input.value.map((f: { description?: unknown; due_date?: unknown } | null) => ({
						description: String(f?.description ?? ''),
						due_date: String(f?.due_date ?? ''),
					}))
				: [];
		else if (input.type === 'rating') draft[input.name] = input.value ?? null;
		else draft[input.name] = input.value ?? '';
	}
	return draft;
}

const isDate = (s: unknown) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const isInstant = (s: unknown) => typeof s === 'string' && !Number.isNaN(Date.parse(s));
/** Follow-up rows left blank are dropped; a half-filled one is incomplete. */
const followUpRows = (value: unknown): FollowUpDraft[] =>
	(Array.isArray(value) ? (value as FollowUpDraft[]) : [])
		.map((f) => ({ description: f.description.trim(), due_date: f.due_date.trim() }))
		.filter((f) => f.description || f.due_date);

const texts = {
	required: t('请填写：{field}', 'Please fill in: {field}'),
	tooShort: t('{field}至少需要 {n} 个字', '{field} needs at least {n} characters'),
	followUp: t('{field}：每项须填写内容和截止日期', '{field}: each needs a description and a due date'),
};

/** Why the draft cannot be sent yet, in the user's language; null when it can. */
export function missingInput(action: OfferedAction, draft: Draft, lang: Lang): string | null {
	for (const input of typedInputs(action)) {
		const value = draft[input.name];
		const field = input.label;
		if (input.type === 'follow_ups') {
			const raw = Array.isArray(value) ? (value as FollowUpDraft[]) : [];
			const rows = followUpRows(raw);
			if (rows.some((f) => !f.description || !isDate(f.due_date))) return say(texts.followUp, lang, { field });
			if (input.required && rows.length === 0) return say(texts.required, lang, { field });
			continue;
		}
		const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
		if (empty) {
			if (input.required) return say(texts.required, lang, { field });
			continue;
		}
		if (input.type === 'text' && input.min_length && String(value).trim().length < input.min_length)
			return say(texts.tooShort, lang, { field, n: input.min_length });
		if (input.type === 'date' && !isDate(value)) return say(texts.required, lang, { field });
		if (input.type === 'datetime' && !isInstant(value)) return say(texts.required, lang, { field });
	}
	return null;
}

/** The value an input sends: trimmed text, a number for a rating, the complete follow-up rows. */
function valueOf(input: ActionInput, value: unknown): unknown {
	if (input.type === 'follow_ups') return followUpRows(value);
	if (input.type === 'rating') return value === null || value === '' ? undefined : Number(value);
	if (input.type === 'choice') return value === '' ? undefined : value;
	// datetime-local has no zone: the device's own is the user's, so the instant is taken here.
	if (input.type === 'datetime') return isInstant(value) ? new Date(value as string).toISOString() : undefined;
	const text = typeof value === 'string' ? value.trim() : value;
	return text === '' ? undefined : text;
}

/** The request body: the action's fixed fields, then what was filled in (empty optional ones left out). */
export function actionBody(
	action: OfferedAction,
	draft: Draft,
	position?: Record<string, number>,
): Record<string, unknown> {
	const body: Record<string, unknown> = { ...action.body };
	for (const input of typedInputs(action)) {
		const value = valueOf(input, draft[input.name]);
		if (value !== undefined) body[input.name] = value;
	}
	return position ? { ...body, ...position } : body;
}
