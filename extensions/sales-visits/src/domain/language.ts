/**
 * The one rule for the language a person is answered in, used by refusals, notifications,
 * sweeps and the Studio panels alike: their profile's language, then what the request asks
 * for (Accept-Language, in order of preference), then the project's default, then zh-CN.
 * A candidate we do not speak (fr-FR, say) is skipped, never mapped to a neighbour.
 */
export type Language = 'zh-CN' | 'en-US';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en-US'];
export const FALLBACK_LANGUAGE: Language = 'zh-CN';

/** `zh`, `zh-TW`, `zh_CN` → zh-CN; `en`, `en-GB` → en-US; anything else → null. */
export function supported(tag: string | null | undefined): Language | null {
	const primary = String(tag ?? '')
		.trim()
		.toLowerCase()
		.split(/[-_]/)[0];
	return primary === 'zh' ? 'zh-CN' : primary === 'en' ? 'en-US' : null;
}

/** The tags of an Accept-Language header by preference (`q`), capped so a long header costs nothing. */
export function acceptedTags(header: string | null | undefined): string[] {
	return String(header ?? '')
		.split(',', 20)
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
		})
		.filter((t) => t.tag && t.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.map((t) => t.tag);
}

export interface LanguageSources {
	/** directus_users.language */
	profile?: string | null;
	/** The request's Accept-Language header (or the browser's languages, in the Studio). */
	accept?: string | readonly string[] | null;
	/** directus_settings.default_language */
	project?: string | null;
}

export function pickLanguage({ profile, accept, project }: LanguageSources): Language {
	const accepted = Array.isArray(accept) ? accept : acceptedTags(accept as string | null | undefined);
	for (const tag of [profile, ...accepted, project]) {
		const language = supported(tag);
		if (language) return language;
	}
	return FALLBACK_LANGUAGE;
}
