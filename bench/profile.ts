/** Summarizes a V8 .cpuprofile: self time by package and by function. */
import fs from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}

export interface ProfileSummary {
	totalMs: number;
	byPackage: Array<{ name: string; ms: number; share: number }>;
	byFunction: Array<{ name: string; ms: number; share: number }>;
}

/** "n8n-core", "@n8n/backend-network", "(our package)", "(node internals)", "(gc)", … */
function packageOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return '(node internals)';
	const marker = 'node_modules/';
	const at = url.lastIndexOf(marker);
	if (at < 0) return '(other)';
	const rest = url.slice(at + marker.length).split('/');
	const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	return name === 'n8n-nodes-tanma' ? '(our package: n8n-nodes-tanma)' : name;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
		nodes: ProfileNode[];
		startTime: number;
		endTime: number;
		samples: number[];
	};
	const totalMs = (profile.endTime - profile.startTime) / 1000;
	const perSampleMs = totalMs / Math.max(1, profile.samples.length);
	const byPackage = new Map<string, number>();
	const byFunction = new Map<string, number>();
	for (const node of profile.nodes) {
		const ms = (node.hitCount ?? 0) * perSampleMs;
		if (!ms) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		const pkg = packageOf(url, functionName);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
		const file = url.split('node_modules/').pop() ?? url;
		const fn = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
	}
	const rank = (map: Map<string, number>) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
	return { totalMs, byPackage: rank(byPackage), byFunction: rank(byFunction) };
}
