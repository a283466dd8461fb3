/**
 * `visit-quote-lines`: the quote form's lines (报价明细), the interface of the `lines` o2m field
 * of quotes. Lines are edited in a table — product, quantity, unit price, with the product's list
 * price — and the discount, amount, totals and the approval level they would need show before
 * saving, from POST /visit-flow/quotes/preview. Saving the form saves the lines through the items
 * API like the stock list-o2m, and the server derives and checks everything again. Read-only once
 * the server locks the quote (the form disables the field).
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-quote-lines.vue';

export default forReader(
	defineInterface({
		id: 'visit-quote-lines',
		name: '报价明细表 / Quote lines',
		icon: 'table_rows',
		description:
			'逐行编辑报价明细，保存前显示折扣、合计与审批级别 / Quote lines edited in place, with the discounts, totals and approval level before saving',
		component: InterfaceComponent,
		types: ['alias'],
		localTypes: ['o2m'],
		group: 'relational',
		relational: true,
		options: null,
	}),
);
