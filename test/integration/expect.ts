/** Assertions the flow tests share. */
import { expect } from 'vitest';
import type { Response } from './client.ts';

/** Polls until `check` stops throwing (derived fields are written just after the save). */
export async function eventually<T>(check: () => Promise<T>, timeout = 10_000): Promise<T> {
	const until = Date.now() + timeout;
	for (;;) {
		try {
			return await check();
		} catch (error) {
			if (Date.now() > until) throw error;
			await new Promise((r) => setTimeout(r, 200));
		}
	}
}

/** A refusal with this status and reason, and a message a person can read. */
export function refusedWith(res: Response, status: number, reason: string) {
	expect(res.status, JSON.stringify(res.body)).toBe(status);
	expect(res.body.errors[0].extensions.reason).toBe(reason);
	expect(res.body.errors[0].message.length).toBeGreaterThan(5);
}
