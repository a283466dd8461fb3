/**
 * The front-desk view's words and its few pure helpers (unit-tested): how a host is named and
 * how a time of the day is shown. Who may do what is the server's (the action panel).
 */
import { receptionStatuses } from '../domain/choices.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { formatDateTime, localTime } from '../shared/format.ts';
import { t, type Lang } from '../shared/texts.ts';

export const texts = {
	title: t('前台来访登记', 'Front desk'),
	day: t('日期', 'Day'),
	previous: t('前一天', 'Previous day'),
	next: t('后一天', 'Next day'),
	today: t('今天', 'Today'),
	refresh: t('刷新', 'Refresh'),
	expected: t('预约来访', 'Expected'),
	arrived: t('已到访', 'Arrived'),
	noneExpected: t('当天没有待到访的预约', 'No visitors expected this day'),
	noneArrived: t('当天还没有到访登记', 'No arrivals recorded this day'),
	loading: t('加载中…', 'Loading…'),
	plannedAt: t('预计到访', 'Expected at'),
	arrivedAt: t('到访时间', 'Arrived at'),
	leftAt: t('离开时间', 'Left at'),
	host: t('接待人', 'Host'),
	visitorCount: t('来访人数', 'Visitors'),
	visitors: t('来访人员', 'Who'),
	location: t('接待地点', 'Location'),
	status: t('状态', 'Status'),
	open: t('打开接待单', 'Open the reception'),
};

export interface Person {
	id?: string;
	first_name?: string | null;
	last_name?: string | null;
}

/** A person as the Studio's Chinese directory writes them: family name first, no space. */
export const personName = (who: unknown): string => {
	if (who && typeof who === 'object') {
		const p = who as Person;
		return [p.last_name, p.first_name].filter(Boolean).join('') || '—';
	}
	return '—';
};

/** A reception status in the user's language (the schema's own labels). */
export const statusLabel = (status: unknown, lang: Lang): string =>
	receptionStatuses[status as keyof typeof receptionStatuses]?.[lang] ?? String(status ?? '');

/** A time on the company's clocks: `HH:mm` when it falls on `day`, else date and time. */
export function timeOn(iso: unknown, day: string, lang: Lang, zone: string): string {
	if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '—';
	return zonedDate(new Date(iso), zone) === day ? localTime(iso, zone) : formatDateTime(iso, lang, zone);
}
