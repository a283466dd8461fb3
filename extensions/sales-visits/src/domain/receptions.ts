/**
 * 销售人员待客制度: 接待结束后，接待人应在规定时限内提交接待报告，对客户的承诺事项应跟踪落实。
 * A reception's report may name what was promised to the customer; each promise becomes a
 * follow-up (跟进事项) of the host's, due on the date given or, without one, a week after the report.
 */
import { FOLLOW_UPS_MAX, isCleanText, isIsoDate } from './input.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { addDays } from './zoned-time.ts';

/** At most this many promises a report: a handful, not a list to drown the follow-ups in. */
export const PROMISES_MAX = FOLLOW_UPS_MAX;
/** A promise is one commitment, not a second report. */
export const PROMISE_TEXT_MAX = 500;
/** A promise without a date is due a week after the report (the company's calendar). */
export const PROMISE_DEFAULT_DAYS = 7;

export interface ReceptionPromise {
	description: string;
	due_date: string;
}

/**
 * The promises of a report (`[{ text, due_date? }]`; `description` is read as `text`, as the
 * action panel's follow-up rows send it), or why they are refused. `today` is the company's date:
 * a due date before it is refused, none means `today` + PROMISE_DEFAULT_DAYS.
 */
export function readPromises(raw: unknown, today: string): ReceptionPromise[] | FlowRefusal {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw) || raw.length > PROMISES_MAX)
		return refusal(400, 'reception_promises_invalid', { max: String(PROMISES_MAX) });
	const out: ReceptionPromise[] = [];
	for (const [i, p] of raw.entries()) {
		const n = String(i + 1);
		if (typeof p !== 'object' || p === null || Array.isArray(p))
			return refusal(400, 'reception_promises_invalid', { max: String(PROMISES_MAX) });
		const item = p as Record<string, unknown>;
		const text = item.text ?? item.description;
		if (!isCleanText(text, PROMISE_TEXT_MAX) || !text.trim())
			return refusal(400, 'reception_promise_text', { n, max: String(PROMISE_TEXT_MAX) });
		const due = item.due_date;
		if (due !== undefined && due !== null && due !== '' && (!isIsoDate(due) || due < today))
			return refusal(400, 'reception_promise_due', { n, date: String(due).slice(0, 40), today });
		out.push({
			description: text.trim(),
			due_date: typeof due === 'string' && due ? due : addDays(today, PROMISE_DEFAULT_DAYS),
		});
	}
	return out;
}
