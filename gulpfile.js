// Copies the non-TypeScript assets n8n loads at runtime (icons, codex JSON, translations) next to the compiled
// files: into dist/, or into TANMA_BUILD_OUT when `npm run dev` builds into its n8n's package folder.
const { src, dest, task, watch, series } = require('gulp');

const ASSETS = ['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'];
const OUT = process.env.TANMA_BUILD_OUT || 'dist';

function copyAssets() {
	return src(ASSETS, { base: '.', encoding: false }).pipe(dest(OUT));
}

function watchAssets() {
	watch(ASSETS, copyAssets);
}

task('build:assets', copyAssets);
task('watch:assets', series(copyAssets, watchAssets));
