/** Express plumbing the endpoints share. */
import type { Request, RequestHandler, Response } from 'express';

/** Express 4 does not catch rejected promises: hand them to Directus' error handler, answer `{ data }` otherwise. */
export const handle =
	(work: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
	(req, res, next) => {
		work(req, res).then((data) => res.json({ data }), next);
	};
