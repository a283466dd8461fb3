/**
 * The tab icon: a disc in the project's colour with a white centre (a visit's target), drawn
 * at 32×32 and encoded as a Windows icon (ICO with one 32-bit bitmap), which every browser
 * reads at /favicon.ico. Drawn here rather than shipped as a file: the bundle is one script.
 */
const SIZE = 32;
/** Samples per pixel side: the disc's edge is smoothed by the share of covered samples. */
const SAMPLES = 4;

/** How much of pixel (x, y) lies inside the circle of radius r round the centre. */
function coverage(x: number, y: number, r: number): number {
	let inside = 0;
	for (let i = 0; i < SAMPLES; i++)
		for (let j = 0; j < SAMPLES; j++) {
			const dx = x + (i + 0.5) / SAMPLES - SIZE / 2;
			const dy = y + (j + 0.5) / SAMPLES - SIZE / 2;
			if (dx * dx + dy * dy <= r * r) inside++;
		}
	return inside / (SAMPLES * SAMPLES);
}

/** The icon's bytes for a `#RRGGBB` colour. */
export function faviconIco(color: string): Buffer {
	const [red, green, blue] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
	const pixels = SIZE * SIZE * 4;
	const mask = (SIZE / 8) * SIZE; // 1 bit a pixel, rows of 4 bytes: all 0, the alpha channel decides
	const ico = Buffer.alloc(6 + 16 + 40 + pixels + mask);
	// ICONDIR: reserved, type 1 (icon), one image.
	ico.writeUInt16LE(1, 2);
	ico.writeUInt16LE(1, 4);
	// ICONDIRENTRY: 32×32, no palette, 1 plane, 32 bits a pixel, its size and offset.
	ico.writeUInt8(SIZE, 6);
	ico.writeUInt8(SIZE, 7);
	ico.writeUInt16LE(1, 10);
	ico.writeUInt16LE(32, 12);
	ico.writeUInt32LE(40 + pixels + mask, 14);
	ico.writeUInt32LE(22, 18);
	// BITMAPINFOHEADER: the height counts the colour and the mask rows.
	ico.writeUInt32LE(40, 22);
	ico.writeInt32LE(SIZE, 26);
	ico.writeInt32LE(SIZE * 2, 30);
	ico.writeUInt16LE(1, 34);
	ico.writeUInt16LE(32, 36);
	ico.writeUInt32LE(pixels + mask, 42);
	// Rows bottom up, each pixel blue, green, red, alpha.
	for (let y = 0; y < SIZE; y++)
		for (let x = 0; x < SIZE; x++) {
			const disc = coverage(x, y, SIZE / 2 - 1);
			const centre = coverage(x, y, SIZE / 6);
			const at = 62 + ((SIZE - 1 - y) * SIZE + x) * 4;
			const mix = (c: number) => Math.round(c * (1 - centre) + 255 * centre);
			ico.writeUInt8(mix(blue!), at);
			ico.writeUInt8(mix(green!), at + 1);
			ico.writeUInt8(mix(red!), at + 2);
			ico.writeUInt8(Math.round(255 * disc), at + 3);
		}
	return ico;
}
