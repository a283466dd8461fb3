/** The company's time zone (visit_settings.timezone), read once per page. */
import type { useApi } from '@directus/extensions-sdk';
import { defaultTimezone, zoneOrDefault } from './format.ts';

let zone: Promise<string> | null = null;

export function companyZone(api: ReturnType<typeof useApi>): Promise<string> {
	return (zone ??= api
		.get('/items/visit_settings', { params: { fields: 'timezone' } })
		.then((r) => {
			const row = r.data.data;
			return zoneOrDefault(Array.isArray(row) ? row[0]?.timezone : row?.timezone);
		})
		.catch(() => {
			// Not readable for this user, or offline: ask again next time.
			zone = null;
			return defaultTimezone;
		}));
}
