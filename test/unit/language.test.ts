import { describe, expect, it } from 'vitest';
import { acceptedTags, pickLanguage } from '../../extensions/sales-visits/src/domain/language.ts';

describe('pickLanguage: profile, then Accept-Language, then the project, then zh-CN', () => {
	it('takes the profile first, whatever the request asks for', () => {
		expect(pickLanguage({ profile: 'en-US', accept: 'zh-CN', project: 'zh-CN' })).toBe('en-US');
		expect(pickLanguage({ profile: 'zh-CN', accept: 'en-US', project: 'en-US' })).toBe('zh-CN');
		expect(pickLanguage({ profile: 'zh_TW', accept: 'en' })).toBe('zh-CN');
	});

	it('follows Accept-Language by q, then by order', () => {
		expect(pickLanguage({ accept: 'en-GB;q=0.5, zh-CN;q=0.9' })).toBe('zh-CN');
		expect(pickLanguage({ accept: 'zh;q=0.4, en;q=0.8', project: 'zh-CN' })).toBe('en-US');
		expect(pickLanguage({ accept: 'en-US, zh-CN' })).toBe('en-US');
		expect(pickLanguage({ accept: 'zh-CN;q=0, en' })).toBe('en-US');
		expect(pickLanguage({ accept: ['en-GB', 'zh-CN'] })).toBe('en-US');
	});

	it('skips what it does not speak, in the profile and in the header, instead of guessing a neighbour', () => {
		expect(pickLanguage({ profile: 'fr-FR', accept: 'en-US' })).toBe('en-US');
		expect(pickLanguage({ profile: 'fr-FR', accept: 'de-DE, en;q=0.5', project: 'zh-CN' })).toBe('en-US');
		expect(pickLanguage({ profile: 'fr-FR', accept: 'de-DE', project: 'en-US' })).toBe('en-US');
		expect(pickLanguage({ profile: 'english', accept: '*' })).toBe('zh-CN');
	});

	it('falls back to the project default, then zh-CN', () => {
		expect(pickLanguage({ profile: null, accept: null, project: 'en-US' })).toBe('en-US');
		expect(pickLanguage({ accept: '', project: 'fr-FR' })).toBe('zh-CN');
		expect(pickLanguage({})).toBe('zh-CN');
	});

	it('reads a bounded part of a long header', () => {
		const header = [...Array.from({ length: 10_000 }, (_, i) => `x${i}`), 'en-US'].join(',');
		expect(acceptedTags(header).length).toBeLessThanOrEqual(20);
		expect(pickLanguage({ accept: header, project: 'zh-CN' })).toBe('zh-CN');
		expect(pickLanguage({ accept: `${'a'.repeat(100_000)},en` })).toBe('en-US');
	});
});
