/**
 * Our extensions' names, descriptions and option labels are written "中文 / English". The Studio
 * shows an extension's definition as given (a `$t:` key stays raw: it translates definitions
 * before it loads custom translations), so each is cut to the reader's side when the Studio
 * reads it: names and descriptions on every change of language, option fields each time the
 * options are drawn. Directus keeps the signed-in user's language in `<html lang>`.
 */

const CJK = /[\u3400-\u9fff]/;

/** "中文 / English" → the side in the reader's language; any other text as it is. */
export function readerSide(text: string, lang = document.documentElement.lang): string {
	const cut = text.lastIndexOf(' / ');
	const zh = text.slice(0, cut);
	const en = text.slice(cut + 3);
	if (cut < 0 || !CJK.test(zh) || CJK.test(en)) return text;
	return lang.startsWith('zh') ? zh : en;
}

/** Every "中文 / English" string in `value` (option fields, their choices, placeholders) cut to the reader's side. */
export function inReaderLanguage<T>(value: T): T {
	if (typeof value === 'string') return readerSide(value) as T;
	if (Array.isArray(value)) return value.map(inReaderLanguage) as T;
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inReaderLanguage(v)])) as T;
	return value;
}

/** An interface, display or panel definition whose name, description and options read in the reader's language. */
export function forReader<T extends { name: string; description?: string; options?: unknown }>(config: T): T {
	const { name, description, options } = config;
	Object.defineProperty(config, 'name', { get: () => readerSide(name), enumerable: true });
	if (description)
		Object.defineProperty(config, 'description', { get: () => readerSide(description), enumerable: true });
	if (Array.isArray(options)) config.options = () => inReaderLanguage(options);
	return config;
}
