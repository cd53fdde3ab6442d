// Copies the non-TypeScript assets n8n loads at runtime (icons, codex JSON) next to the compiled files.
const { src, dest, task } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

task('build:assets', copyAssets);
