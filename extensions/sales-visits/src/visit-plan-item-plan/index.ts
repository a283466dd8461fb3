/**
 * `visit-plan-item-plan`: a plan item's `plan`. Edited inside its plan (the plan's form and the
 * item drawer over it) the item is that plan's, so the field is not shown at all; on the plan
 * items' own list and form it is the Studio's dropdown, under its label.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-plan-item-plan.vue';

export default forReader(
	defineInterface({
		id: 'visit-plan-item-plan',
		name: '所属计划 / Plan of the item',
		icon: 'event_note',
		description: '在计划中编辑明细时不显示 / Not shown while the item is edited inside its plan',
		component: InterfaceComponent,
		types: ['integer'],
		localTypes: ['m2o'],
		relational: true,
		// The label is drawn by the component, so that nothing at all shows inside the plan.
		hideLabel: true,
		options: null,
	}),
);
