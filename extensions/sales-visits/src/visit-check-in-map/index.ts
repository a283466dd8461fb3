/**
 * `visit-check-in-map`: in the visit form's check-in group, the customer's position, the check-in
 * point, the geofence around the customer (visit settings) and the distance the server measured,
 * drawn to scale without map tiles.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-check-in-map.vue';

export default forReader(
	defineInterface({
		id: 'visit-check-in-map',
		name: '签到位置图 / Check-in sketch',
		icon: 'share_location',
		description: '客户位置、签到位置、距离与签到范围 / The customer, the check-in point, the distance and the geofence',
		component: InterfaceComponent,
		types: ['alias'],
		localTypes: ['presentation'],
		group: 'presentation',
		options: null,
	}),
);
