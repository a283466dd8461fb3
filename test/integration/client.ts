/** A tiny HTTP client for the running Directus, logged in as one demo user. */
import { inject } from 'vitest';

export const targets = inject('targets');

export interface Response<T = any> {
	status: number;
	body: T;
}

export class Client {
	readonly url: string;
	private token: string | null;
	readonly language: string;

	constructor(url: string, token: string | null = null, language = 'en-US') {
		this.url = url;
		this.token = token;
		this.language = language;
	}

	/** Logging in costs a password hash, so each user logs in once per server. */
	private static sessions = new Map<string, Promise<Client>>();

	static login(url: string, email: string, password = 'demo-password'): Promise<Client> {
		const key = `${url}|${email}|${password}`;
		if (!Client.sessions.has(key)) {
			const session = Client.signIn(url, email, password);
			session.catch(() => Client.sessions.delete(key));
			Client.sessions.set(key, session);
		}
		return Client.sessions.get(key)!;
	}

	private static async signIn(url: string, email: string, password: string): Promise<Client> {
		const res = await fetch(`${url}/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password }),
		});
		if (!res.ok) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
		const { data } = await res.json();
		return new Client(url, data.access_token);
	}

	static admin(target: { url: string; env: Record<string, string> }): Promise<Client> {
		return Client.login(target.url, target.env.ADMIN_EMAIL, target.env.ADMIN_PASSWORD);
	}

	async request<T = any>(method: string, path: string, body?: unknown): Promise<Response<T>> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				'accept-language': this.language,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let parsed: any = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			// exports and errors may be plain text
		}
		return { status: res.status, body: parsed };
	}

	/** A multipart upload of one file (imports). */
	async upload<T = any>(path: string, file: Blob, filename: string): Promise<Response<T>> {
		const form = new FormData();
		form.append('file', file, filename);
		const res = await fetch(`${this.url}${path}`, {
			method: 'POST',
			headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
			body: form,
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : null };
	}

	get = <T = any>(path: string) => this.request<T>('GET', path);
	post = <T = any>(path: string, body: unknown) => this.request<T>('POST', path, body);
	patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
	delete = <T = any>(path: string) => this.request<T>('DELETE', path);

	/** `data` of a successful GET, failing loudly otherwise. */
	async data<T = any>(path: string): Promise<T> {
		const res = await this.get(path);
		if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
		return res.body.data;
	}

	async graphql<T = any>(query: string, system = false): Promise<Response<T>> {
		return this.post(system ? '/graphql/system' : '/graphql', { query });
	}
}
