/**
 * `visit-field-work`: the phone-first field-work panel for an alias field on visits. It shows
 * the visit's state and the one step the rep takes next — check in (with the phone's
 * position for onsite visits), check out, or hand in the report — and the /visit-flow
 * endpoints do the work.
 */
import { defineInterface } from '@directus/extensions-sdk';
import InterfaceComponent from './visit-field-work.vue';

export default defineInterface({
	id: 'visit-field-work',
	// The Studio shows extension names as given: both languages, as with the schema labels.
	name: '外勤操作 / Field work',
	icon: 'where_to_vote',
	description: '签到、签退与提交拜访报告 / Check in, check out and hand in the visit report',
	component: InterfaceComponent,
	types: ['alias'],
	localTypes: ['presentation'],
	group: 'presentation',
	options: null,
});
