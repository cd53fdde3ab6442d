/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup-env.js'],
	// swc strips the types (typecheck is `npm run typecheck`): the unit loop spends its time in tests, not in tsc.
	transform: {
		'^.+\\.ts$': [
			'@swc/jest',
			{
				jsc: {
					parser: { syntax: 'typescript' },
					target: 'es2022',
					transform: { useDefineForClassFields: true },
				},
				module: { type: 'commonjs' },
				sourceMaps: 'inline',
			},
		],
	},
	testTimeout: 30000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
