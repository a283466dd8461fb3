/** `npm run build`: rebuilds every extension bundle. */
import { buildExtensions } from './lib/build.ts';

await buildExtensions({ force: true });
