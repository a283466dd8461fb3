/**
 * `visit-field-work`: the phone-first panel for an alias field on visits. It offers every
 * action GET /visit-flow/actions offers on the visit, its application and its report (check
 * in with the phone's position, check out, the report, cancel, apply, acknowledge, review),
 * and beside them the check-in distance and the owner's route of the day.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-field-work.vue';

export default forReader(
	defineInterface({
		id: 'visit-field-work',
		name: '外勤操作 / Field work',
		icon: 'where_to_vote',
		description:
			'签到、签退、报告、申请与审核，以及当日路线 / Check in, check out, report, apply and review, with the route of the day',
		component: InterfaceComponent,
		types: ['alias'],
		localTypes: ['presentation'],
		group: 'presentation',
		options: null,
	}),
);
