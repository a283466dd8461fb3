/** Express plumbing the endpoints share. */
import type { Request, RequestHandler, Response } from 'express';

/** An answer with `meta` beside its `data` (a transition's message to the caller). */
export class WithMeta {
	readonly data: unknown;
	readonly meta: Record<string, unknown>;
	constructor(data: unknown, meta: Record<string, unknown>) {
		this.data = data;
		this.meta = meta;
	}
}

/** Express 4 does not catch rejected promises: hand them to Directus' error handler, answer `{ data }` otherwise. */
export const handle =
	(work: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
	(req, res, next) => {
		work(req, res).then(
			(answer) => res.json(answer instanceof WithMeta ? { data: answer.data, meta: answer.meta } : { data: answer }),
			next,
		);
	};
