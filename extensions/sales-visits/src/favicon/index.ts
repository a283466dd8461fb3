/**
 * `GET /favicon.ico`: browsers ask the server's root for it on every page (the Studio's own
 * icon lives under /admin); without this each page logged a 404.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { PROJECT_COLOR } from '../setup/settings.ts';
import { faviconIco } from './icon.ts';

const ICON = faviconIco(PROJECT_COLOR);

export default defineEndpoint({
	id: 'favicon.ico',
	handler: (router) => {
		router.get('/', (_req, res) => {
			res.set({ 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }).send(ICON);
		});
	},
});
