/**
 * `visit-plan-coverage`: a month plan's coverage check (拜访覆盖检查), the interface of the
 * `coverage_shortfalls` field of visit_plans. A table of the customers the plan leaves short of
 * their visit quota, live while the plan is a draft (GET /visit-flow/plans/:id/coverage), as
 * submitted after. Read-only: the server computes it.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-plan-coverage.vue';

export default forReader(
	defineInterface({
		id: 'visit-plan-coverage',
		name: '拜访覆盖检查 / Plan coverage check',
		icon: 'rule',
		description:
			'本计划未满足拜访频次的客户：应拜访、已完成、已排期、本计划与还差 / The customers the plan leaves short of their visit quota: required, done, scheduled, planned and short',
		component: InterfaceComponent,
		types: ['json'],
		group: 'other',
		options: null,
	}),
);
