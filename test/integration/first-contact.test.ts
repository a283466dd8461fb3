/**
 * What a newcomer meets first (issue 18, part 7): the tab icon, and the README's API examples run
 * as written, only with the test server's address for the demo server's: each `curl` through a
 * shell, the `@directus/sdk` snippet as a script of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { targets } from './client.ts';

const run = promisify(execFile);
const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const DEMO_SERVER = 'http://127.0.0.1:8055';

/** The fenced blocks of one language. */
const blocks = (language: string): string[] =>
	[...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

/** The shell blocks that call the demo server with curl. */
const curls = blocks('sh').filter((b) => b.includes('curl') && b.includes(DEMO_SERVER));

/** The TypeScript block that uses the SDK. */
const [sdkSnippet] = blocks('ts').filter((b) => b.includes("from '@directus/sdk'"));

describe('the README', () => {
	it('has curl examples and an SDK snippet to run', () => {
		expect(curls.length).toBeGreaterThanOrEqual(2);
		expect(sdkSnippet).toBeDefined();
	});
});

describe.each(targets)('first contact on $name', (target) => {
	it('serves a favicon at the root', async () => {
		const res = await fetch(`${target.url}/favicon.ico`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^image\//);
		const icon = Buffer.from(await res.arrayBuffer());
		// An ICO header: reserved 0, type 1 (icon), one image of 32×32 pixels.
		expect([...icon.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 32, 32]);
	});

	it.each(curls.map((c, i) => [i + 1, c] as const))('runs the README’s curl #%i verbatim', async (_, block) => {
		const script = block.replaceAll(DEMO_SERVER, target.url);
		const { stdout } = await run('sh', ['-ec', script], { timeout: 30_000 });
		const body = JSON.parse(stdout);
		expect(body.errors, stdout).toBeUndefined();
		expect(body.data).toBeDefined();
	});

	it('runs the README’s SDK snippet', async () => {
		// A script of its own in a temporary folder that finds the SDK where this project installed it.
		const sdk = dirname(createRequire(import.meta.url).resolve('@directus/sdk/package.json'));
		const folder = mkdtempSync(join(tmpdir(), 'sdk-snippet-'));
		try {
			symlinkSync(resolve(sdk, '../..'), join(folder, 'node_modules'));
			// Prints the snippet's result: the last constant it declares.
			const result = [...sdkSnippet!.matchAll(/^const (\w+)/gm)].at(-1)![1];
			const script = `${sdkSnippet!.replaceAll(DEMO_SERVER, target.url)}\nconsole.log(JSON.stringify({ ${result} }));\n`;
			writeFileSync(join(folder, 'snippet.mts'), script);
			const { stdout } = await run(process.execPath, [join(folder, 'snippet.mts')], {
				env: { ...process.env, DIRECTUS_TOKEN: INTEGRATOR_TOKEN },
				timeout: 30_000,
			});
			const { overdue } = JSON.parse(stdout);
			expect(Array.isArray(overdue)).toBe(true);
			for (const visit of overdue) expect(Object.keys(visit).sort()).toEqual(['customer', 'id', 'report_due_at']);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
