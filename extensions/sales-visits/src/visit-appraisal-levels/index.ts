/**
 * `visit-appraisal-levels` (考核等级分布): for the last month, quarter or year (or a given one) and
 * a scope, the appraisals per level with the average score and the people at warning or fail,
 * counted by the items API with the reader's own permissions.
 */
import { definePanel } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { appraisalPeriodOptions, scopeOptions } from '../shared/options.ts';
import { appraisalPeriodChoices } from './logic.ts';
import PanelComponent from './visit-appraisal-levels.vue';

export default forReader(
	definePanel({
		id: 'visit-appraisal-levels',
		name: '考核等级分布 / Appraisal levels',
		icon: 'military_tech',
		description:
			'各等级的考核人数、平均分与警告/不合格人员 / Appraisals per level, the average score and who is at warning or fail',
		component: PanelComponent,
		options: [...appraisalPeriodOptions(appraisalPeriodChoices), ...scopeOptions()],
		minWidth: 10,
		minHeight: 8,
	}),
);
