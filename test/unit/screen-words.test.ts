/** The scanner the Studio walk uses (test/screen-words.ts) finds what it should and only that. */
import { describe, expect, it } from 'vitest';
import { foreignWords } from '../screen-words.ts';

describe('foreign words on a zh-CN screen', () => {
	it('finds English words, raw keys, untranslated labels and JSON', () => {
		expect(foreignWords('状态 not_required 待审批')).toEqual(['not_required']);
		expect(foreignWords('$t:sv_visitStatuses_scheduled')).toEqual(['$t:sv_visitStatuses_scheduled']);
		expect(foreignWords('The relationship is not configured')).toEqual([
			'The',
			'relationship',
			'is',
			'not',
			'configured',
		]);
		expect(foreignWords('元旦 / New Year')).toEqual(['New', 'Year']);
		expect(foreignWords('[{"from": 0}]')).toEqual(['from', '<JSON>']);
	});

	it('lets codes, figures, e-mail addresses, acronyms and units pass', () => {
		expect(foreignWords('ZF-PM22 ZF-AUD HT-2026-001 12.5 kW 0.75MPa KPI rep1@example.com 2026-12-02 10:30')).toEqual(
			[],
		);
	});
});
