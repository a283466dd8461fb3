/**
 * Failures counted in Redis, so that every instance behind a load balancer sees the same
 * count (the in-process counter would give N replicas N times the attempts). A key lives for
 * the window from its first failure: SET … PX … NX starts it, INCR counts.
 */
import type { Redis } from 'ioredis';
import type { Counter } from '../domain/login-limit.ts';

export class RedisCounter implements Counter {
	private readonly redis: Redis;
	private readonly prefix: string;
	private readonly limit: number;
	private readonly windowMs: number;
	constructor(redis: Redis, prefix: string, limit: number, windowMs: number) {
		this.redis = redis;
		this.prefix = prefix;
		this.limit = limit;
		this.windowMs = windowMs;
	}

	async blockedFor(key: string): Promise<number> {
		const k = this.prefix + key;
		// MULTI answers [error, result] per command.
		const [[, count], [, left]] = (await this.redis.multi().get(k).pttl(k).exec()) as [
			[unknown, string | null],
			[unknown, number],
		];
		return Number(count ?? 0) >= this.limit && left > 0 ? left : 0;
	}

	async fail(key: string): Promise<void> {
		const k = this.prefix + key;
		await this.redis.multi().set(k, 0, 'PX', this.windowMs, 'NX').incr(k).exec();
	}

	async forget(key: string): Promise<void> {
		await this.redis.del(this.prefix + key);
	}
}
