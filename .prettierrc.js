// One formatter, with the n8n starter's settings (tabs, width 100). `npm run lint` checks it; `npm run format` applies it.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
	// npm writes package.json with two spaces; keep it that way.
	overrides: [{ files: ['package.json'], options: { useTabs: false } }],
};
