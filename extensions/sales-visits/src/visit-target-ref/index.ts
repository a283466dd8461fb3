/**
 * `visit-target-ref`: a target's `parent`, `previous` and `superseded_by` on its form (read-only,
 * the flow's). The stock m2o dropdown reads the related target by its key to draw `#id`, and the
 * Studio shows a refusal of that read as an error dialog over the form: a rep reads their own year
 * target but not the team's it was broken down from. This one asks with a filter instead (a target
 * the caller may not read is simply not in the answer) and links the ones they may open.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-target-ref.vue';

export default forReader(
	defineInterface({
		id: 'visit-target-ref',
		name: '关联目标 / Related target',
		icon: 'flag',
		description:
			'上级目标、上一版本等：可查看的显示为链接 / A parent or an earlier revision: a link when the caller may open it',
		component: InterfaceComponent,
		types: ['integer'],
		localTypes: ['m2o'],
		relational: true,
		options: null,
	}),
);
