/**
 * What the customer form's quota panel (`visit-quota-progress`) shows, kept out of the Vue
 * file so that it is type-checked and unit-tested. The numbers are the server's
 * (GET /visit-quotas/customers/:id); this only words and colours them.
 */
import { quotaChannels, quotaPeriods, type Label } from '../domain/choices.ts';
import type { QuotaPeriod, QuotaStatus } from '../domain/quota.ts';
import { errorMessage } from '../shared/errors.ts';
import { say, t, type Lang } from '../shared/texts.ts';

export { errorMessage, say, type Lang };

export const quotaStatuses: Record<QuotaStatus, Label> = {
	met: t('已达标', 'Met'),
	on_track: t('进度正常', 'On track'),
	at_risk: t('有风险', 'At risk'),
	missed: t('未达标', 'Missed'),
};

/** The Studio theme's colour per status, so dark and light themes both read right. */
export const statusColors: Record<QuotaStatus, string> = {
	met: 'var(--theme--success)',
	on_track: 'var(--theme--primary)',
	at_risk: 'var(--theme--warning)',
	missed: 'var(--theme--danger)',
};

/** Every text of the panel, in both languages. */
export const texts = {
	rule: t('适用规则', 'Rule'),
	required: t('应拜访', 'Required'),
	completed: t('已完成', 'Completed'),
	remaining: t('还差', 'Remaining'),
	status: t('状态', 'Status'),
	period: t('考核周期', 'Period'),
	progress: t('已完成 {done} / 应拜访 {required} 次', '{done} of {required} visits done'),
	noRule: t('没有适用于该客户的拜访频次规则', 'No visit quota rule applies to this customer'),
	inactive: t('该客户不是“活跃”状态，不计入拜访频次考核', 'Only active customers count towards visit quotas'),
	saveFirst: t('保存客户后显示本期拜访频次', 'Save the customer to see this period’s visit quota'),
	loading: t('加载中…', 'Loading…'),
	atLeast: t('{period}至少拜访 {n} 次（{channel}）', 'At least {n} {visits} {period} ({channel})'),
} satisfies Record<string, Label>;

/** Inside an English sentence the period reads "a month"; Chinese uses the choice label (每月). */
const perPeriodEn: Record<QuotaPeriod, string> = {
	month: 'a month',
	quarter: 'a quarter',
	half_year: 'every half year',
	year: 'a year',
};

export interface QuotaRuleSummary {
	id: number;
	name: string;
	min_visits: number;
	period: QuotaPeriod;
	channel: 'onsite' | 'any';
}

/** One customer's line of the compliance computation. */
export interface QuotaLine {
	customer: number;
	name: string;
	owner: string;
	rule: QuotaRuleSummary | null;
	period: { start: string; end: string } | null;
	required: number;
	done: number;
	remaining: number;
	status: QuotaStatus | null;
}

/** GET /visit-quotas/customers/:id → data. */
export interface CustomerQuota {
	period: string;
	today: string;
	customer: number;
	status: string;
	line: QuotaLine | null;
}

export const customerQuotaPath = (id: string | number) => `/visit-quotas/customers/${encodeURIComponent(String(id))}`;

/** "每月至少拜访 2 次（仅上门）" / "At least 2 visits a month (on site only)". */
export const ruleSummary = (rule: QuotaRuleSummary, lang: Lang) =>
	say(texts.atLeast, lang, {
		n: rule.min_visits,
		visits: rule.min_visits === 1 ? 'visit' : 'visits',
		period: lang === 'zh-CN' ? quotaPeriods[rule.period]['zh-CN'] : perPeriodEn[rule.period],
		channel:
			lang === 'zh-CN' ? quotaChannels[rule.channel]['zh-CN'] : quotaChannels[rule.channel]['en-US'].toLowerCase(),
	});

/** What the panel shows instead of numbers, or null when there are numbers. */
export function emptyState(quota: CustomerQuota): Label | null {
	if (!quota.line) return texts.inactive;
	if (!quota.line.rule) return texts.noRule;
	return null;
}

/** Share of the requirement done, 0–100 for the progress bar. */
export const progressPercent = (done: number, required: number) =>
	required <= 0 ? 100 : Math.min(100, Math.round((done / required) * 100));

export const statusLabel = (status: QuotaStatus, lang: Lang) => quotaStatuses[status][lang];
