/**
 * What the field-work panel (`visit-field-work`) shows beside its actions, kept out of the Vue
 * file so that it is type-checked: the texts in both languages, the distance shown on the
 * phone and the route of the day. The actions are the server's (shared/action-panel.vue).
 */
import { visitStatuses, type Label } from '../domain/choices.ts';
import { distanceM, type Point } from '../domain/geo.ts';
import { pointOf } from '../shared/map-sketch.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { defaultTimezone } from '../shared/format.ts';
import { say, t, type Lang } from '../shared/texts.ts';

/** Every text of the panel, in both languages. */
export const texts = {
	checkedInAt: t('签到时间', 'Checked in at'),
	checkedOutAt: t('签退时间', 'Checked out at'),
	distance: t('距客户约 {distance}', 'About {distance} from the customer'),
	accuracy: t('定位精度 ±{accuracy} 米', 'Accuracy ±{accuracy} m'),
	noCustomerPosition: t('客户未设置坐标，无法计算距离', 'The customer has no coordinates: no distance can be shown'),
	map: t('在地图中查看', 'Show on the map'),
	outside: t('签到超出范围（{distance} 米）', 'Checked in outside the geofence ({distance} m)'),
	inside: t('签到距客户 {distance} 米', 'Checked in {distance} m from the customer'),
	returned: t('退回意见', 'Why the report was returned'),
	loading: t('加载中…', 'Loading…'),
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

/** A route stop's status. */
export const statusLabel = (status: string): Label =>
	(visitStatuses as Record<string, Label>)[status] ?? t(status, status);

/** The fields GET /items/visits/:id reads. */
export const visitFields = [
	'id',
	'owner',
	'channel',
	'scheduled_start',
	'check_in_at',
	'check_in_distance_m',
	'outside_geofence',
	'check_out_at',
	'report_status',
	'customer.id',
	'customer.name',
	'customer.latitude',
	'customer.longitude',
];

/** "850 米" / "1.3 公里", for information only: the server measures again. */
export function formatDistance(metres: number, lang: Lang): string {
	return metres < 1000
		? say(texts.m, lang, { n: Math.round(metres) })
		: say(texts.km, lang, { n: (metres / 1000).toFixed(1) });
}

export function distanceText(here: Point, customer: Point | null, lang: Lang): string {
	return customer
		? say(texts.distance, lang, { distance: formatDistance(distanceM(here, customer), lang) })
		: say(texts.noCustomerPosition, lang);
}

/** Amap's marker page: opens the Amap app on phones that have it, the web map elsewhere. */
export const mapLink = (p: Point, name = '') =>
	`https://uri.amap.com/marker?position=${p.longitude.toFixed(6)},${p.latitude.toFixed(6)}${name ? `&name=${encodeURIComponent(name)}` : ''}&coordinate=wgs84`;

/** The local calendar day (`YYYY-MM-DD`) a visit is scheduled on. */
export function routeDate(scheduledStart: string | null | undefined, zone = defaultTimezone): string | null {
	const at = scheduledStart ? Date.parse(scheduledStart) : NaN;
	return Number.isNaN(at) ? null : zonedDate(new Date(at), zone);
}

/** The owner's id, whether the field came back as a key or as an expanded user. */
export const ownerId = (owner: unknown): string | null =>
	typeof owner === 'string'
		? owner
		: owner && typeof owner === 'object' && typeof (owner as { id?: unknown }).id === 'string'
			? (owner as { id: string }).id
			: null;

export interface RouteStop {
	order: number;
	leg_m: number;
	visit: number | string;
	scheduled_start: string;
	status: string;
	channel: string;
	customer: {
		id: number | string;
		name: string;
		address: string | null;
		latitude: number | string | null;
		longitude: number | string | null;
	} | null;
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
	if (!pointOf(stop.customer)) return say(texts.routeNoPosition, lang);
	if (index === 0) return say(texts.routeStart, lang);
	return formatDistance(Number(stop.leg_m) || 0, lang);
}

/** The map link of a stop whose customer has a position. */
export function stopMapLink(stop: RouteStop): string | null {
	const p = pointOf(stop.customer);
	return p ? mapLink(p, stop.customer?.name ?? '') : null;
}
