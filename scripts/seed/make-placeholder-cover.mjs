#!/usr/bin/env node
// Made database/seed/media/placeholder-cover.png once (it is committed): the
// seed article has no photo, so its cover is a plainly artificial grey card.
// 1200x675 so that Strapi's upload generates every format (thumbnail, small,
// medium, large). Uses sharp, which Strapi's upload plugin already ships.
// Run again only to change the image: node scripts/seed/make-placeholder-cover.mjs
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(resolve(root, 'node_modules', '@strapi', 'upload', 'package.json'));
const sharp = require('sharp');

const width = 1200;
const height = 675;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#9e9e9e"/>
  <rect x="24" y="24" width="${width - 48}" height="${height - 48}" fill="none" stroke="#ffffff" stroke-width="6" stroke-dasharray="24 16"/>
  <text x="50%" y="46%" font-family="DejaVu Sans, sans-serif" font-size="64" fill="#ffffff" text-anchor="middle">Placeholder — no photo</text>
  <text x="50%" y="60%" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#ffffff" text-anchor="middle">Gambar pengganti — bukan foto</text>
</svg>`;

const out = resolve(root, 'database', 'seed', 'media', 'placeholder-cover.png');
await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toFile(out);
console.log(`wrote ${out}`);
