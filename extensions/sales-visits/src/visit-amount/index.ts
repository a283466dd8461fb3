/**
 * `visit-amount`: an amount in yuan, grouped by thousands in the reader's language, in lists,
 * related values and display templates ("差旅 · 1,590.00"). Directus's formatted-value display
 * groups too, but throws on a decimal in a display template while the value is still loading
 * and shows its raw array from then on; this one is a plain function of the value.
 */
import { defineDisplay } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import { formatAmount } from '../domain/amount.ts';

// Directus keeps the signed-in user's language in <html lang>.
const amount = (value: unknown) => formatAmount(value, document.documentElement.lang || 'zh-CN');

export default forReader(
	defineDisplay({
		id: 'visit-amount',
		name: '金额 / Amount',
		icon: 'payments',
		description: '按千分位显示的金额 / An amount grouped by thousands',
		component: ({ value }: { value: unknown }) => amount(value),
		handler: amount,
		types: ['decimal', 'float', 'integer', 'bigInteger'],
		options: null,
	}),
);
