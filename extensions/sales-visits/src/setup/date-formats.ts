/**
 * How the Studio writes dates and times in Chinese. Directus's own zh-CN strings read
 * "12月 2, 2026 10:30上午" (an English order with a 12-hour clock); custom translations merge
 * over the app's messages, so these keys give Chinese users 2026-12-02 10:30 instead. English
 * keeps Directus's own.
 */
import type { TranslationRow } from './translations.ts';

const ZH_CN: Record<string, string> = {
	'date-fns_date_short': 'yyyy-MM-dd',
	'date-fns_date_short_no_year': 'M月d日',
	'date-fns_time': 'HH:mm:ss',
	'date-fns_time_no_seconds': 'HH:mm',
	'date-fns_time_short': 'HH:mm',
	'date-fns_time_short_seconds': 'HH:mm:ss',
};

export const dateFormatTranslations = (): TranslationRow[] =>
	Object.entries(ZH_CN).map(([key, value]) => ({ key, language: 'zh-CN', value }));
