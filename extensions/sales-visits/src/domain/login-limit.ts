/**
 * Failed sign-ins counted per key (client address and e-mail, or the address alone) over a
 * fixed window. Directus 11 has no limiter of its own for logins (its `RATE_LIMITER_*` counts
 * every request of an address, so a limit low enough to stop password guessing would stop a
 * Studio page load), and its `auth_login_attempts` suspends the account, which lets anyone
 * lock anyone out. This refuses the client instead and never touches the account.
 */
export interface LoginLimits {
	/** Failures of one e-mail from one address before that pair is refused. */
	perAccount: number;
	/** Failures from one address, whatever the e-mails, before the address is refused. */
	perAddress: number;
	windowMs: number;
	/** Keys kept at most; the oldest go first, so memory stays bounded under a flood. */
	maxKeys: number;
}

interface Entry {
	count: number;
	resetAt: number;
}

/** Failures per key over a window: in this process (FailureCounter) or in a store the instances share. */
export interface Counter {
	/** Milliseconds until `key` may try again; 0 when it may now. */
	blockedFor(key: string, now?: number): number | Promise<number>;
	fail(key: string, now?: number): void | Promise<void>;
	forget(key: string): void | Promise<void>;
}

/** A counter in this process's memory (one instance, or none shared). */
export class FailureCounter implements Counter {
	private readonly entries = new Map<string, Entry>();
	private readonly limit: number;
	private readonly windowMs: number;
	private readonly maxKeys: number;
	constructor(limit: number, windowMs: number, maxKeys: number) {
		this.limit = limit;
		this.windowMs = windowMs;
		this.maxKeys = maxKeys;
	}

	private live(key: string, now: number): Entry | undefined {
		const entry = this.entries.get(key);
		if (entry && entry.resetAt <= now) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	/** Milliseconds until `key` may try again; 0 when it may now. */
	blockedFor(key: string, now = Date.now()): number {
		const entry = this.live(key, now);
		return entry && entry.count >= this.limit ? entry.resetAt - now : 0;
	}

	fail(key: string, now = Date.now()): void {
		const entry = this.live(key, now);
		if (entry) {
			entry.count++;
			return;
		}
		if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(key, { count: 1, resetAt: now + this.windowMs });
	}

	forget(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}

/** The two counters of a sign-in: the address with the e-mail, and the address alone. */
export class LoginLimiter {
	private readonly accounts: Counter;
	private readonly addresses: Counter;
	readonly limits: LoginLimits;
	/** `counter` makes a counter of failures up to `limit`; by default in this process. */
	constructor(
		limits: LoginLimits,
		counter: (limit: number, name: string) => Counter = (limit) =>
			new FailureCounter(limit, limits.windowMs, limits.maxKeys),
	) {
		this.limits = limits;
		this.accounts = counter(limits.perAccount, 'account');
		this.addresses = counter(limits.perAddress, 'address');
	}

	private static account = (address: string, email: string) => `${address}|${email.trim().toLowerCase()}`;

	/** Milliseconds until this client may try this e-mail again; 0 when it may now. */
	async blockedFor(address: string, email: string, now = Date.now()): Promise<number> {
		const [account, alone] = await Promise.all([
			this.accounts.blockedFor(LoginLimiter.account(address, email), now),
			this.addresses.blockedFor(address, now),
		]);
		return Math.max(account, alone);
	}

	async failed(address: string, email: string, now = Date.now()): Promise<void> {
		await Promise.all([
			this.accounts.fail(LoginLimiter.account(address, email), now),
			this.addresses.fail(address, now),
		]);
	}

	/** A correct password clears that e-mail's count, not the address's (one known account must not buy more guesses at others). */
	async succeeded(address: string, email: string): Promise<void> {
		await this.accounts.forget(LoginLimiter.account(address, email));
	}
}

/** The limits from the environment (`LOGIN_LIMIT_*`), with this project's defaults. */
export function loginLimits(env: Record<string, unknown>): LoginLimits {
	const positive = (name: string, fallback: number) => {
		const value = Number(env[name] ?? fallback);
		return Number.isInteger(value) && value > 0 ? value : fallback;
	};
	return {
		perAccount: positive('LOGIN_LIMIT_ACCOUNT_FAILURES', 10),
		perAddress: positive('LOGIN_LIMIT_ADDRESS_FAILURES', 50),
		windowMs: positive('LOGIN_LIMIT_WINDOW', 900) * 1000,
		maxKeys: positive('LOGIN_LIMIT_MAX_KEYS', 10_000),
	};
}
