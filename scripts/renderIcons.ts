/**
 * Renders public/icons/silta.svg to the PNG sizes the web app manifest needs, in Debian's Chromium.
 * Run by hand after changing the SVG (`npx tsx scripts/renderIcons.ts`); the PNGs are committed.
 */
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const svg = await readFile('public/icons/silta.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const targets = [
  { file: 'public/icons/icon-192.png', size: 192, padding: 0, background: 'transparent' },
  { file: 'public/icons/icon-512.png', size: 512, padding: 0, background: 'transparent' },
  // Maskable icons are cropped to a circle of 80 % of the size by some launchers: keep the art inside it.
  { file: 'public/icons/maskable-512.png', size: 512, padding: 64, background: '#0b4f8a' },
  { file: 'public/icons/apple-touch-icon.png', size: 180, padding: 0, background: '#0b4f8a' },
];
for (const t of targets) {
  await page.setViewportSize({ width: t.size, height: t.size });
  const inner = t.size - 2 * t.padding;
  await page.setContent(
    `<body style="margin:0;background:${t.background}"><div style="padding:${t.padding}px;width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: t.file, omitBackground: t.background === 'transparent' });
}
await browser.close();
