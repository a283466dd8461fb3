/**
 * `visit-complaint-analysis` (投诉分析): for a period and a scope, the complaints received by cause,
 * product, responsible department and validity, each split into resolved on time, late and still
 * open, counted by the items API with the reader's own permissions.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { periodOptions, scopeOptions } from '../shared/options.ts';
import PanelComponent from './visit-complaint-analysis.vue';

export default forReader(
	definePanel({
		id: 'visit-complaint-analysis',
		name: '投诉分析 / Complaint analysis',
		icon: 'report',
		description:
			'按原因、产品、责任部门与有效性统计投诉，分按时解决、超时与处理中 / Complaints by cause, product, department and validity: resolved on time, late, still open',
		component: PanelComponent,
		options: [...periodOptions('this_year'), ...scopeOptions()],
		minWidth: 12,
		minHeight: 10,
	}),
);
