/**
 * The home's words, in both languages (the route is drawn by shared/map-sketch.ts). What waits on
 * whom, and what may be done, is the server's.
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
