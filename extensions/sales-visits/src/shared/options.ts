/** The Studio options the Insights panels share: period, a fixed period, scope and a person. */
import type { definePanel } from '@directus/extensions-sdk';
import { periodChoices, scopeChoices } from './insights.ts';

/** One option field, as definePanel types it. */
type Option = Extract<NonNullable<Parameters<typeof definePanel>[0]['options']>, unknown[]>[number];

export const periodOptions = (defaultMode = 'this_month'): Option[] => [
	{
		field: 'period',
		name: '统计期间 / Period',
		type: 'string',
		meta: { width: 'half', interface: 'select-dropdown', options: { choices: periodChoices } },
		schema: { default_value: defaultMode },
	},
	{
		field: 'fixed_period',
		name: '指定期间（YYYY-MM / YYYY-Qn / YYYY） / Given period',
		type: 'string',
		meta: {
			width: 'half',
			interface: 'input',
			options: { placeholder: '2026-11' },
			conditions: [{ rule: { period: { _neq: 'fixed' } }, hidden: true }],
		},
	},
];

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
export const monthOptions = (): Option[] => [
	{
		field: 'period',
		name: '统计月份 / Month',
		type: 'string',
		meta: {
			width: 'half',
			interface: 'select-dropdown',
			options: {
				choices: [
					{ text: '本月 / This month', value: 'current' },
					{ text: '上月 / Last month', value: 'previous' },
					{ text: '指定月份 / A given month', value: 'fixed' },
				],
			},
		},
		schema: { default_value: 'current' },
	},
	{
		field: 'month',
		name: '指定月份（YYYY-MM） / Given month (YYYY-MM)',
		type: 'string',
		meta: {
			width: 'half',
			interface: 'input',
			options: { placeholder: '2026-01' },
			conditions: [{ rule: { period: { _neq: 'fixed' } }, hidden: true }],
		},
	},
];
