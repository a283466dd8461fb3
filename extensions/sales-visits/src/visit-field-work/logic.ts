/**
 * What the field-work panel (`visit-field-work`) shows, kept out of the Vue file so that it
 * is type-checked: the step the visit is at, the texts in both languages, the distance
 * shown on the phone and the report body. The /visit-flow endpoints decide; this only asks.
 */
import { reportStatuses, visitStatuses, type Label } from '../domain/choices.ts';
import { distanceM, isCoordinate, type Point } from '../domain/geo.ts';
import { zonedDate, zoneOffset } from '../domain/zoned-time.ts';
import { countdown, errorMessage, say, toLang, type Lang } from '../visit-approval/logic.ts';

export { countdown, errorMessage, say, toLang, type Lang };

const t = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

/** Every text of the panel, in both languages. */
export const texts = {
	state: t('拜访状态', 'Visit status'),
	report: t('报告状态', 'Report status'),
	checkIn: t('签到', 'Check in'),
	checkOut: t('签退', 'Check out'),
	checkedInAt: t('签到时间', 'Checked in at'),
	checkedOutAt: t('签退时间', 'Checked out at'),
	locating: t('正在定位…', 'Locating…'),
	noGeolocation: t('此设备无法定位，请在手机浏览器中打开并允许定位', 'This device cannot share its location: open the Studio in a phone browser and allow location'),
	geoDenied: t('未允许定位：请在浏览器设置中允许本站使用位置信息', 'Location was not allowed: allow this site to use your location in the browser settings'),
	geoUnavailable: t('无法获取位置，请到开阔处重试', 'The position is unavailable: try again in the open'),
	geoTimeout: t('定位超时，请重试', 'Locating timed out: try again'),
	distance: t('距客户约 {distance}', 'About {distance} from the customer'),
	accuracy: t('定位精度 ±{accuracy} 米', 'Accuracy ±{accuracy} m'),
	noCustomerPosition: t('客户未设置坐标，无法计算距离', 'The customer has no coordinates: no distance can be shown'),
	map: t('在地图中查看', 'Show on the map'),
	remote: t('电话/视频拜访无需定位', 'Phone and video visits need no location'),
	reason: t('超出签到范围的原因', 'Why you are outside the geofence'),
	reasonRequired: t('请填写原因', 'Please give a reason'),
	sendWithReason: t('填写原因并签到', 'Check in with this reason'),
	outside: t('签到超出范围（{distance} 米）', 'Checked in outside the geofence ({distance} m)'),
	inside: t('签到距客户 {distance} 米', 'Checked in {distance} m from the customer'),
	reportTitle: t('拜访报告', 'Visit report'),
	reportDue: t('报告截止', 'Report due'),
	summary: t('拜访概要（至少 10 个字）', 'Summary (at least 10 characters)'),
	summaryShort: t('拜访概要至少需要 10 个字', 'The summary needs at least 10 characters'),
	customerFeedback: t('客户反馈', 'Customer feedback'),
	nextSteps: t('后续计划', 'Next steps'),
	competitorInfo: t('竞争对手信息', 'Competitor information'),
	followUps: t('待跟进事项', 'Follow-ups'),
	followUpDescription: t('事项', 'What'),
	followUpDue: t('截止日期', 'Due date'),
	addFollowUp: t('添加跟进事项', 'Add a follow-up'),
	remove: t('删除', 'Remove'),
	followUpIncomplete: t('跟进事项须填写内容和截止日期', 'Each follow-up needs a description and a due date'),
	submitReport: t('提交报告', 'Submit the report'),
	submitted: t('报告已提交，等待主管审核', 'The report was handed in and awaits the supervisor’s review'),
	approved: t('报告已审核通过', 'The report was approved'),
	late: t('（迟交）', ' (late)'),
	returned: t('报告被退回，请修改后重新提交', 'The report was returned: revise it and hand it in again'),
	nothing: t('此拜访无需操作', 'Nothing to do for this visit'),
	saveFirst: t('保存后可签到', 'Save the visit to check in'),
	loading: t('加载中…', 'Loading…'),
	done: t('已完成：{action}', 'Done: {action}'),
	km: t('{n} 公里', '{n} km'),
	route: t('当日路线', 'Route of the day'),
	routeEmpty: t('当天没有拜访', 'No visits on this day'),
	routeTotal: t('总里程 {distance}', 'Total distance {distance}'),
	routeStart: t('起点', 'Start'),
	routeNoPosition: t('无坐标', 'No position'),
	routeRemote: t('电话/视频', 'Phone/video'),
	routeCurrent: t('本次拜访', 'This visit'),
	routeMap: t('地图', 'Map'),
	m: t('{n} 米', '{n} m'),
} satisfies Record<string, Label>;

export const statusLabel = (status: string): Label => (visitStatuses as Record<string, Label>)[status] ?? t(status, status);
export const reportStatusLabel = (status: string): Label => (reportStatuses as Record<string, Label>)[status] ?? t(status, status);

/** The fields GET /items/visits/:id reads. */
export const visitFields = [
	'id',
	'owner',
	'status',
	'channel',
	'scheduled_start',
	'check_in_at',
	'check_in_distance_m',
	'outside_geofence',
	'check_in_reason',
	'check_out_at',
	'report_due_at',
	'report_status',
	'report_late',
	'customer.id',
	'customer.name',
	'customer.address',
	'customer.latitude',
	'customer.longitude',
];

export type Step = 'check_in' | 'check_out' | 'report' | 'reported' | 'none';

const reportOpen = ['pending', 'overdue', 'returned'];

/** What the panel offers for the visit as it stands. */
export function stepOf(visit: Record<string, any>): Step {
	if (visit.status === 'scheduled') return 'check_in';
	if (visit.status === 'in_progress') return 'check_out';
	if (visit.status === 'completed' && reportOpen.includes(visit.report_status)) return 'report';
	if (visit.status === 'completed' && (visit.report_status === 'submitted' || visit.report_status === 'approved')) return 'reported';
	return 'none';
}

/** The customer's position, when the profile has a valid one (decimals may come back as strings). */
export function customerPoint(customer: unknown): Point | null {
	if (!customer || typeof customer !== 'object') return null;
	const c = customer as Record<string, unknown>;
	if (c.latitude === null || c.latitude === undefined || c.longitude === null || c.longitude === undefined) return null;
	const latitude = Number(c.latitude);
	const longitude = Number(c.longitude);
	return isCoordinate(latitude, longitude) ? { latitude, longitude } : null;
}

/** "850 米" / "1.3 公里", for information only: the server measures again. */
export function formatDistance(metres: number, lang: Lang): string {
	return metres < 1000 ? say(texts.m, lang, { n: Math.round(metres) }) : say(texts.km, lang, { n: (metres / 1000).toFixed(1) });
}

export function distanceText(here: Point, customer: Point | null, lang: Lang): string {
	return customer ? say(texts.distance, lang, { distance: formatDistance(distanceM(here, customer), lang) }) : say(texts.noCustomerPosition, lang);
}

/** Amap's marker page: opens the Amap app on phones that have it, the web map elsewhere. */
export const mapLink = (p: Point, name = '') =>
	`https://uri.amap.com/marker?position=${p.longitude.toFixed(6)},${p.latitude.toFixed(6)}${name ? `&name=${encodeURIComponent(name)}` : ''}&coordinate=wgs84`;

/** The browser's GeolocationPositionError codes, in the user's language. */
export function geoErrorText(code: number | undefined, lang: Lang): string {
	if (code === 1) return say(texts.geoDenied, lang);
	if (code === 3) return say(texts.geoTimeout, lang);
	return say(texts.geoUnavailable, lang);
}

/** The reason code of a Directus error response from the flow endpoints. */
export const errorReason = (error: any): string | null => error?.response?.data?.errors?.[0]?.extensions?.reason ?? null;

export interface FollowUpDraft {
	description: string;
	due_date: string;
}

export interface ReportDraft {
	summary: string;
	customer_feedback: string;
	next_steps: string;
	competitor_info: string;
	follow_ups: FollowUpDraft[];
}

export const emptyReport = (): ReportDraft => ({ summary: '', customer_feedback: '', next_steps: '', competitor_info: '', follow_ups: [] });

/** The POST /report body, or the label of what is missing. Blank follow-up rows are dropped. */
export function reportBody(draft: ReportDraft): { body: Record<string, unknown> } | { missing: Label } {
	const summary = draft.summary.trim();
	if (summary.length < 10) return { missing: texts.summaryShort };
	const rows = draft.follow_ups.map((f) => ({ description: f.description.trim(), due_date: f.due_date.trim() })).filter((f) => f.description || f.due_date);
	if (rows.some((f) => !f.description || !/^\d{4}-\d{2}-\d{2}$/.test(f.due_date))) return { missing: texts.followUpIncomplete };
	const optional = (s: string) => s.trim() || null;
	return {
		body: {
			summary,
			customer_feedback: optional(draft.customer_feedback),
			next_steps: optional(draft.next_steps),
			competitor_info: optional(draft.competitor_info),
			follow_ups: rows,
		},
	};
}

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

/** The local calendar day (`YYYY-MM-DD`) a visit is scheduled on. */
export function routeDate(scheduledStart: string | null | undefined, zone = defaultTimezone): string | null {
	const at = scheduledStart ? Date.parse(scheduledStart) : NaN;
	return Number.isNaN(at) ? null : zonedDate(new Date(at), zone);
}

/** `HH:mm` on the clocks of `zone`. */
export function localTime(iso: string | null | undefined, zone = defaultTimezone): string {
	const at = iso ? Date.parse(iso) : NaN;
	if (Number.isNaN(at)) return '';
	return new Date(at + zoneOffset(at, zone)).toISOString().slice(11, 16);
}

/** The owner's id, whether the field came back as a key or as an expanded user. */
export const ownerId = (owner: unknown): string | null =>
	typeof owner === 'string' ? owner : owner && typeof owner === 'object' && typeof (owner as any).id === 'string' ? (owner as any).id : null;

export interface RouteStop {
	order: number;
	leg_m: number;
	visit: number | string;
	scheduled_start: string;
	status: string;
	channel: string;
	customer: { id: number | string; name: string; address: string | null; latitude: number | string | null; longitude: number | string | null } | null;
}

export interface DayRoute {
	date: string;
	owner: string;
	total_m: number;
	stops: RouteStop[];
}

/** The distance column of one stop: from the previous stop, or why there is none. */
export function legText(stop: RouteStop, index: number, lang: Lang): string {
	if (stop.channel !== 'onsite') return say(texts.routeRemote, lang);
	if (!customerPoint(stop.customer)) return say(texts.routeNoPosition, lang);
	if (index === 0) return say(texts.routeStart, lang);
	return formatDistance(Number(stop.leg_m) || 0, lang);
}

/** The map link of a stop whose customer has a position. */
export function stopMapLink(stop: RouteStop): string | null {
	const p = customerPoint(stop.customer);
	return p ? mapLink(p, stop.customer?.name ?? '') : null;
}
