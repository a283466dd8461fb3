/**
 * `visit-appraisal-scores`: the appraisal form's score table (考核评分表), the interface of the
 * `item_scores` field of appraisals. Each KPI of the scheme with its value, target, points and
 * weight; the total, the level and what the scheme says the level means. Read-only: the server
 * computes the numbers, and the action panel beside it confirms, approves or returns.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-appraisal-scores.vue';

export default forReader(
	defineInterface({
		id: 'visit-appraisal-scores',
		name: '考核评分表 / Appraisal scores',
		icon: 'military_tech',
		description:
			'各项指标的实际、目标、得分与权重，总分与等级 / Each KPI’s value, target, points and weight, the total and the level',
		component: InterfaceComponent,
		types: ['json'],
		group: 'other',
		options: null,
	}),
);
