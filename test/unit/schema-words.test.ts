/**
 * Every Chinese text of the data model (labels, notes, validation messages, choice labels) reads as
 * Chinese: no field key, API path or English word (test/screen-words.ts), so no form shows one.
 */
import { describe, expect, it } from 'vitest';
import { choiceTranslations } from '../../extensions/sales-visits/src/setup/translations.ts';
import { schemaTexts } from '../../extensions/sales-visits/src/schema/snapshot.ts';
import { foreignWords } from '../screen-words.ts';

describe('the data model in Chinese', () => {
	it('has no English word in a label, note, message or choice', () => {
		const texts = [
			...schemaTexts().map(({ key, text: [zh] }) => [key, zh] as const),
			...choiceTranslations()
				.filter((t) => t.language === 'zh-CN')
				.map((t) => [t.key, t.value] as const),
		];
		const foreign = texts
			.map(([key, zh]) => [key, foreignWords(zh.replace(/YYYY-MM-DD|YYYY-MM|\{\{[^}]*\}\}/g, ''))] as const)
			.filter(([, words]) => words.length)
			.map(([key, words]) => `${key}: ${words.join(' ')}`);
		expect(foreign).toEqual([]);
	});
});
