/**
 * The home's words and its pure helpers (unit-tested): the day's route drawn to scale, and how
 * a deadline reads. What waits on whom, and what may be done, is the server's.
 */
import { t } from '../shared/texts.ts';

export const texts = {
	title: t('首页', 'Home'),
	hello: t('{name}，你好', 'Hello, {name}'),
	refresh: t('刷新', 'Refresh'),
	loading: t('加载中…', 'Loading…'),
	waiting: t('待我处理', 'Waiting on me'),
	waitingMore: t('共 {total} 项，按截止时间显示前 {shown} 项', '{total} in all; the first {shown} by deadline'),
	nothingWaiting: t('没有等你处理的事项', 'Nothing is waiting on you'),
	visits: t('今日拜访', 'Today’s visits'),
	noVisits: t('今天没有安排拜访', 'No visits today'),
	route: t('今日路线，共 {km} 公里', 'Today’s route, {km} km'),
	phone: t('电话/视频', 'Phone/video'),
	plan: t('本月拜访计划', 'This month’s visit plan'),
	noPlan: t('本月还没有拜访计划', 'No visit plan for this month yet'),
	newPlan: t('新建计划', 'New plan'),
	short: t('{n} 位客户未达拜访频次', '{n} customers below their visit quota'),
	covered: t('计划满足全部拜访频次', 'The plan meets every visit quota'),
	submitBy: t('提交截止', 'Submit by'),
	visitors: t('今日来访', 'Visitors today'),
	expected: t('预约 {n} 位，已到 {m} 位', '{n} expected, {m} arrived'),
	frontDesk: t('打开前台来访登记', 'Open the front desk'),
	open: t('打开', 'Open'),
	due: t('截止', 'Due'),
	noDeadline: t('无截止时间', 'No deadline'),
};

export interface Point {
	latitude: number;
	longitude: number;
}

/**
 * The stops with a position, placed in a `width`×`height` box with `pad` around, north up and
 * to one scale on both axes (a degree of longitude shrinks with the cosine of the latitude).
 */
export function placeOnMap(
	points: readonly (Point | null)[],
	width: number,
	height: number,
	pad = 16,
): ({ x: number; y: number } | null)[] {
	const known = points.filter((p): p is Point => p !== null);
	if (!known.length) return points.map(() => null);
	const lat0 = known.reduce((s, p) => s + p.latitude, 0) / known.length;
	const k = Math.cos((lat0 * Math.PI) / 180);
	const xs = known.map((p) => p.longitude * k);
	const ys = known.map((p) => p.latitude);
	const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const span = Math.max(maxX - minX, maxY - minY) || 1;
	const scale = Math.min(width - 2 * pad, height - 2 * pad) / span;
	const offX = (width - (maxX - minX) * scale) / 2;
	const offY = (height - (maxY - minY) * scale) / 2;
	return points.map((p) =>
		p ? { x: offX + (p.longitude * k - minX) * scale, y: height - (offY + (p.latitude - minY) * scale) } : null,
	);
}

/** A customer's position from the API (decimals may come as strings), or null. */
export function pointOf(customer: { latitude?: unknown; longitude?: unknown } | null | undefined): Point | null {
	const latitude = Number(customer?.latitude);
	const longitude = Number(customer?.longitude);
	return customer?.latitude == null || customer?.longitude == null || !Number.isFinite(latitude + longitude)
		? null
		: { latitude, longitude };
}
