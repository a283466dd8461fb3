/**
 * Dates and deadlines as the panels show them: on the company's clocks (visit_settings.timezone),
 * not the browser's, so a rep travelling abroad sees the same deadline as the office.
 */
import { zonedMinute } from '../domain/zoned-time.ts';
import { say, t, type Lang } from './texts.ts';

/** The zone the flows count days in, unless visit_settings says otherwise. */
export const defaultTimezone = 'Asia/Shanghai';

/** A valid IANA zone name, or the default. */
export function zoneOrDefault(zone: unknown): string {
	if (typeof zone !== 'string' || !zone) return defaultTimezone;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone;
	} catch {
		return defaultTimezone;
	}
}

/** Date and time on the company's clocks, in the user's language. */
export function formatDateTime(iso: string | null | undefined, lang: Lang, zone = defaultTimezone): string {
	const at = iso ? Date.parse(iso) : NaN;
	return Number.isNaN(at)
		? ''
		: new Date(at).toLocaleString(lang, { timeZone: zoneOrDefault(zone), dateStyle: 'short', timeStyle: 'short' });
}

/** `HH:mm` on the clocks of `zone`. */
export function localTime(iso: string | null | undefined, zone = defaultTimezone): string {
	const at = iso ? Date.parse(iso) : NaN;
	return Number.isNaN(at) ? '' : zonedMinute(new Date(at), zone).slice(11);
}

const units = {
	left: t('剩余 {time}', '{time} left'),
	overdue: t('已逾期 {time}', 'Overdue by {time}'),
	days: t('{n}天', '{n}d'),
	hours: t('{n}小时', '{n}h'),
	minutes: t('{n}分', '{n}m'),
	seconds: t('{n}秒', '{n}s'),
};

/** "剩余 2天 3小时 4分 5秒" / "2d 3h 4m 5s left", dropping leading zero units. */
export function countdown(deadline: string, now: number, lang: Lang): string {
	const ms = Date.parse(deadline) - now;
	let s = Math.floor(Math.abs(ms) / 1000);
	const parts = [
		[units.days, Math.floor(s / 86_400)],
		[units.hours, Math.floor((s %= 86_400) / 3_600)],
		[units.minutes, Math.floor((s %= 3_600) / 60)],
		[units.seconds, s % 60],
	] as const;
	const first = parts.findIndex(([, n]) => n > 0);
	const time = parts
		.slice(first === -1 ? 3 : first)
		.map(([l, n]) => say(l, lang, { n }))
		.join(' ');
	return say(ms >= 0 ? units.left : units.overdue, lang, { time });
}
