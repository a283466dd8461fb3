/** The Studio options the Insights panels share: period, a fixed period, scope and a person. */
import type { definePanel } from '@directus/extensions-sdk';
import { periodChoices, scopeChoices } from './insights.ts';

/** One option field, as definePanel types it. */
type Option = Extract<NonNullable<Parameters<typeof definePanel>[0]['options']>, unknown[]>[number];

type Choice = { text: string; value: string };

/**
 * A relative choice (this month, last year …) and, shown once `fixed` is picked, the field where
 * the given one is typed: every panel's period option has this shape.
 */
export const pickOrGiven = (
	pick: { field: string; name: string; choices: Choice[]; default: string },
	given: { field: string; name: string; placeholder: string },
): Option[] => [
	{
		field: pick.field,
		name: pick.name,
		type: 'string',
		meta: { width: 'half', interface: 'select-dropdown', options: { choices: pick.choices } },
		schema: { default_value: pick.default },
	},
	{
		field: given.field,
		name: given.name,
		type: 'string',
		meta: {
			width: 'half',
			interface: 'input',
			options: { placeholder: given.placeholder },
			conditions: [{ rule: { [pick.field]: { _neq: 'fixed' } }, hidden: true }],
		},
	},
];

const givenPeriod = {
	field: 'fixed_period',
	name: '指定期间（YYYY-MM / YYYY-Qn / YYYY） / Given period',
	placeholder: '2026-11',
};

export const periodOptions = (defaultMode = 'this_month'): Option[] =>
	pickOrGiven(
		{ field: 'period', name: '统计期间 / Period', choices: periodChoices, default: defaultMode },
		givenPeriod,
	);

/** An appraisal period (考核期间): the last month, quarter or year, or a given one. */
export const appraisalPeriodOptions = (choices: Choice[]): Option[] =>
	pickOrGiven({ field: 'period', name: '考核期间 / Period', choices, default: 'last_month' }, givenPeriod);

const personPicker = (field: string, name: string, hiddenUnless?: { field: string; values: string[] }): Option => ({
	field,
	name,
	type: 'json',
	meta: {
		width: 'full',
		interface: 'collection-item-dropdown',
		options: { selectedCollection: 'directus_users', template: '{{last_name}}{{first_name}} {{email}}' },
		...(hiddenUnless
			? { conditions: [{ rule: { [hiddenUnless.field]: { _nin: hiddenUnless.values } }, hidden: true }] }
			: {}),
	},
});

export const scopeOptions = (): Option[] => [
	{
		field: 'scope',
		name: '范围 / Scope',
		type: 'string',
		meta: { width: 'half', interface: 'select-dropdown', options: { choices: scopeChoices } },
		schema: { default_value: 'own' },
	},
	personPicker('person', '人员或团队经理 / Person or team manager', { field: 'scope', values: ['team', 'rep'] }),
];

/** A team: its manager; empty means the caller's own (a manager's team, the company for a GM). */
export const teamOption = () => personPicker('team', '团队经理（空 = 我的团队） / Team manager (empty = my team)');

/** A month for the quota panels (GET /visit-quotas/compliance takes one): this, last or a given one. */
export const monthOptions = (): Option[] =>
	pickOrGiven(
		{
			field: 'period',
			name: '统计月份 / Month',
			choices: [
				{ text: '本月 / This month', value: 'current' },
				{ text: '上月 / Last month', value: 'previous' },
				{ text: '指定月份 / A given month', value: 'fixed' },
			],
			default: 'current',
		},
		{ field: 'month', name: '指定月份（YYYY-MM） / Given month (YYYY-MM)', placeholder: '2026-01' },
	);

/** A year for the target panels: this, last or a given one. */
export const yearOptions = (): Option[] =>
	pickOrGiven(
		{
			field: 'year',
			name: '年度 / Year',
			choices: [
				{ text: '本年 / This year', value: 'this_year' },
				{ text: '上年 / Last year', value: 'last_year' },
				{ text: '指定年度 / A given year', value: 'fixed' },
			],
			default: 'this_year',
		},
		{ field: 'fixed_year', name: '指定年度（YYYY） / Given year (YYYY)', placeholder: '2026' },
	);
