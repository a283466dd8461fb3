/** How the panels word things: a text in both languages, and filling its `{placeholders}`. */
import type { Label } from '../domain/choices.ts';
import type { Language } from '../domain/language.ts';

export type Lang = Language;

export const t = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

export const say = (label: Label, lang: Lang, vars: Record<string, string | number> = {}) =>
	label[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
