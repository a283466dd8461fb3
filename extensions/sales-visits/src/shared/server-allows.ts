/**
 * Whether the server lets the signed-in user use a module: `GET <path>` on the API beside the
 * Studio (`…/admin/…`), answering `{ data: { [key]: true } }`. It runs before the module
 * registers, without the Studio's API client: the session cookie signs the request.
 */
export async function serverAllows(path: string, key: string): Promise<boolean> {
	const here = window.location.pathname;
	const at = here.indexOf('/admin/');
	const root = at >= 0 ? here.slice(0, at + 1) : '/';
	try {
		const res = await fetch(`${root}${path}`, { credentials: 'same-origin' });
		return res.ok && (await res.json())?.data?.[key] === true;
	} catch {
		return false;
	}
}
