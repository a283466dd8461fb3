/**
 * `visit-plan-period`: a plan's `period_start`. A month plan picks its month (a year and one tap
 * on the month); a week plan keeps the date picker. The period's end is the server's
 * (flow/guard.ts: the first and last day of the month, Monday to Sunday for a week).
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-plan-period.vue';

export default forReader(
	defineInterface({
		id: 'visit-plan-period',
		name: '计划期间 / Plan period',
		icon: 'date_range',
		description: '月计划按月选择，周计划选择开始日期 / A month plan picks its month, a week plan its first day',
		component: InterfaceComponent,
		types: ['date'],
		group: 'selection',
		options: null,
	}),
);
