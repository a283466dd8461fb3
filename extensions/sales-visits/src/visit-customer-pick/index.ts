/**
 * `visit-customer-pick`: a plan item's customer in one dropdown of the customers the caller may
 * read (a rep's own book), picked with one tap: the Studio's m2o opens a list in a drawer and asks
 * for a confirmation besides. A book too long for a dropdown gets the Studio's m2o back.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-customer-pick.vue';

export default forReader(
	defineInterface({
		id: 'visit-customer-pick',
		name: '选择客户 / Pick a customer',
		icon: 'storefront',
		description: '从本人可见的客户中一步选择 / One tap among the customers the user may see',
		component: InterfaceComponent,
		types: ['integer'],
		localTypes: ['m2o'],
		relational: true,
		options: null,
	}),
);
