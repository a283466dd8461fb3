/**
 * Directus sets `req.accountability` before any endpoint runs (its own api/src/types/express.d.ts
 * declares it, but that file is not published): the same declaration, for our routes.
 */
import type { Accountability } from '@directus/types';

declare global {
	namespace Express {
		interface Request {
			accountability?: Accountability | null;
		}
	}
}
