import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forReader, inReaderLanguage, readerSide } from '../../extensions/sales-visits/src/shared/reader-language.ts';

describe('readerSide', () => {
	it('cuts "中文 / English" at its last separator, to the reader’s side', () => {
		const given = '指定期间（YYYY-MM / YYYY-Qn / YYYY） / Given period';
		expect(readerSide(given, 'zh-CN')).toBe('指定期间（YYYY-MM / YYYY-Qn / YYYY）');
		expect(readerSide(given, 'en-US')).toBe('Given period');
	});

	it('leaves any other text as it is', () => {
		for (const text of ['2026-11', 'YYYY-MM / YYYY', '客户 / 联系人', 'KPI'])
			expect([readerSide(text, 'zh-CN'), readerSide(text, 'en-US')]).toEqual([text, text]);
	});
});

describe('forReader', () => {
	const html = { lang: 'zh-CN' };
	beforeEach(() => {
		(globalThis as any).document = { documentElement: html };
	});
	afterEach(() => {
		delete (globalThis as any).document;
	});

	it('names and describes the extension, and draws its options, in the language of the moment', () => {
		const panel = forReader({
			id: 'x',
			name: 'KPI 记分卡 / KPI scorecard',
			description: '考核指标 / KPIs',
			options: [
				{
					field: 'period',
					name: '统计期间 / Period',
					meta: { options: { choices: [{ text: '本月 / This month', value: 'this_month' }] } },
				},
			],
		});
		const options = panel.options as unknown as () => any[];
		expect([panel.name, panel.description, options()[0].name]).toEqual(['KPI 记分卡', '考核指标', '统计期间']);
		html.lang = 'en-US';
		expect([panel.name, panel.description, options()[0].meta.options.choices[0]]).toEqual([
			'KPI scorecard',
			'KPIs',
			{ text: 'This month', value: 'this_month' },
		]);
		// The Studio copies definitions with lodash's cloneDeep, which reads the name through its getter.
		expect({ ...panel }.name).toBe('KPI scorecard');
		expect(inReaderLanguage({ n: 1, b: true, s: null })).toEqual({ n: 1, b: true, s: null });
	});
});
