/** A Directus error response, read for the user: the server's message in their language. */
import { say, t, type Lang } from './texts.ts';

const failed = t('操作失败', 'The action failed');

type ApiError = {
	response?: {
		data?: {
			errors?: { message?: string; extensions?: { reason?: string; messages?: Partial<Record<Lang, string>> } }[];
		};
	};
	message?: string;
};

const firstError = (error: unknown) => (error as ApiError | null)?.response?.data?.errors?.[0];

/** The refusal in the user's language (`extensions.messages`), else the server's message. */
export function errorMessage(error: unknown, lang: Lang): string {
	const first = firstError(error);
	return (
		first?.extensions?.messages?.[lang] ?? first?.message ?? (error as ApiError | null)?.message ?? say(failed, lang)
	);
}

/** The stable reason code of a refusal (`outside_geofence_reason`, say). */
export const errorReason = (error: unknown): string | null => firstError(error)?.extensions?.reason ?? null;
