/**
 * `visit-report-deadlines` (报告截止): visits the caller may read whose report is pending and
 * due within N hours, or overdue, soonest first, with a countdown or how long overdue. Read
 * through the items API as the caller, so Directus' permissions decide whose visits show.
 */
import type { Label } from '../domain/choices.ts';
import { say, type Lang } from '../shared/insights.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	due: t('截止', 'Due'),
	rep: t('人员', 'Rep'),
	customer: t('客户', 'Customer'),
	left: t('剩余 {time}', '{time} left'),
	overdueBy: t('逾期 {time}', 'Overdue by {time}'),
	caption: t('{n} 份报告逾期，{m} 份将在 {hours} 小时内到期', '{n} overdue, {m} due within {hours} hours'),
	empty: t('没有逾期或即将到期的拜访报告', 'No visit report is overdue or due soon'),
	days: t('{n}天', '{n}d'),
	hours: t('{n}小时', '{n}h'),
	minutes: t('{n}分', '{n}m'),
} satisfies Record<string, Label>;

export const DEFAULT_HOURS = 24;
export const DEFAULT_LIMIT = 50;

/** The `hours` option as a whole positive number of hours. */
export const hoursOf = (option: unknown): number => {
	const n = Number(option);
	return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 24 * 60) : DEFAULT_HOURS;
};

/** Overdue, or pending and due before now + hours (a pending one past due is overdue already; the sweep marks it soon). */
export function deadlineFilter(hours: number, now: Date) {
	const until = new Date(now.getTime() + hours * 3_600_000).toISOString();
	return {
		_or: [
			{ report_status: { _eq: 'overdue' } },
			{ _and: [{ report_status: { _eq: 'pending' } }, { report_due_at: { _lte: until } }] },
		],
	};
}

export const deadlineFields = [
	'id',
	'report_due_at',
	'report_status',
	'check_out_at',
	'owner.id',
	'owner.first_name',
	'owner.last_name',
	'owner.email',
	'customer.id',
	'customer.name',
];

export function deadlineQuery(hours: number, limit: number, now: Date) {
	return {
		filter: JSON.stringify(deadlineFilter(hours, now)),
		fields: deadlineFields.join(','),
		sort: 'report_due_at',
		limit: String(limit),
	};
}

export interface VisitRow {
	id: number;
	report_due_at: string | null;
	report_status: string;
	owner: { id: string; first_name?: string | null; last_name?: string | null; email?: string | null } | string | null;
	customer: { id: number; name: string } | number | null;
}

export interface DeadlineRow {
	id: number;
	due: string | null;
	overdue: boolean;
	/** Countdown or time past due. */
	when: string;
	rep: string;
	customer: string;
	minutes: number;
}

/** `2天3小时`, `5小时20分`, `12分` (or `2d 3h`): the two largest units. */
export function duration(minutes: number, lang: Lang): string {
	const m = Math.max(0, Math.floor(Math.abs(minutes)));
	const d = Math.floor(m / 1440);
	const h = Math.floor((m % 1440) / 60);
	const min = m % 60;
	const parts = d
		? [say(texts.days, lang, { n: d }), h ? say(texts.hours, lang, { n: h }) : '']
		: h
			? [say(texts.hours, lang, { n: h }), min ? say(texts.minutes, lang, { n: min }) : '']
			: [say(texts.minutes, lang, { n: min })];
	return parts.filter(Boolean).join(lang === 'zh-CN' ? '' : ' ');
}

const personName = (u: VisitRow['owner']) =>
	u && typeof u === 'object' ? `${u.last_name ?? ''}${u.first_name ?? ''}` || u.email || u.id : (u ?? '—');

export function deadlineRows(visits: readonly VisitRow[], now: Date, lang: Lang): DeadlineRow[] {
	return visits
		.map((v) => {
			const due = v.report_due_at ? Date.parse(v.report_due_at) : Number.NaN;
			const minutes = Number.isNaN(due) ? 0 : Math.floor((due - now.getTime()) / 60_000);
			const overdue = v.report_status === 'overdue' || minutes < 0;
			return {
				id: v.id,
				due: v.report_due_at,
				overdue,
				when: say(overdue ? texts.overdueBy : texts.left, lang, { time: duration(minutes, lang) }),
				rep: personName(v.owner),
				customer: v.customer && typeof v.customer === 'object' ? v.customer.name : String(v.customer ?? '—'),
				minutes,
			};
		})
		.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.id - b.id);
}

/** Due time as the company reads it: `11-27 14:30` in its time zone. */
export function dueLabel(iso: string | null, zone: string): string {
	if (!iso) return '—';
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
