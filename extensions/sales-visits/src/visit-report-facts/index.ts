/**
 * `visit-report-facts`: the weekly or monthly report's figures (本期数据), the interface of the
 * `facts` field of periodic_reports. A table of the period's visits, new customers, orders, order
 * amount, collections and opportunities moved, live while the owner may still edit the report
 * (GET /visit-flow/periodic-reports/:id/facts, so a draft the sweep made shows them before its
 * first save), as submitted after. Read-only: the server computes the figures.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-report-facts.vue';

export default forReader(
	defineInterface({
		id: 'visit-report-facts',
		name: '周报/月报本期数据 / Report figures',
		icon: 'table_chart',
		description:
			'本期拜访、新客户、订单、回款与商机推进，编辑期间为实时数据 / The period’s visits, new customers, orders, collections and opportunity moves, live while the report is being written',
		component: InterfaceComponent,
		types: ['json'],
		group: 'other',
		options: null,
	}),
);
