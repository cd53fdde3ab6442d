/** The results as an SVG bar chart, rendered to PNG with resvg (no browser needed). */
import { Resvg } from '@resvg/resvg-js';

export interface Bar {
	group: string;
	label: string;
	value: number;
	min: number;
	max: number;
	color: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function barChartSvg(title: string, unit: string, bars: Bar[], note: string): string {
	// Room for the longest label (about 7.6 px a character at 13 px) and for the value after the longest whisker.
	const left = Math.max(170, 20 + Math.ceil(Math.max(...bars.map((b) => b.label.length)) * 7.6));
	const width = left + 730;
	const right = 70;
	const rowHeight = 34;
	const top = 70;
	const groups = [...new Set(bars.map((b) => b.group))];
	const height = top + bars.length * rowHeight + groups.length * 16 + 70;
	const maxValue = Math.max(...bars.map((b) => b.max)) * 1.12;
	const x = (v: number) => left + ((width - left - right) * v) / maxValue;
	const parts: string[] = [
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="${width / 2}" y="30" font-size="20" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
		`<text x="${width / 2}" y="52" font-size="13" text-anchor="middle" fill="#555">${escape(unit)}</text>`,
	];
	let y = top;
	for (const group of groups) {
		parts.push(
			`<text x="12" y="${y + 12}" font-size="14" font-weight="bold">${escape(group)}</text>`,
		);
		y += 16;
		for (const bar of bars.filter((b) => b.group === group)) {
			parts.push(
				`<text x="${left - 8}" y="${y + 19}" font-size="13" text-anchor="end">${escape(bar.label)}</text>`,
				`<rect x="${left}" y="${y + 4}" width="${Math.max(1, x(bar.value) - left)}" height="${rowHeight - 10}" fill="${bar.color}"/>`,
				// min–max whisker
				`<line x1="${x(bar.min)}" y1="${y + rowHeight / 2}" x2="${x(bar.max)}" y2="${y + rowHeight / 2}" stroke="#222" stroke-width="1.5"/>`,
				`<line x1="${x(bar.min)}" y1="${y + 9}" x2="${x(bar.min)}" y2="${y + rowHeight - 9}" stroke="#222" stroke-width="1.5"/>`,
				`<line x1="${x(bar.max)}" y1="${y + 9}" x2="${x(bar.max)}" y2="${y + rowHeight - 9}" stroke="#222" stroke-width="1.5"/>`,
				`<text x="${x(bar.max) + 6}" y="${y + 19}" font-size="12" fill="#333">${Math.round(bar.value).toLocaleString('en-US')}</text>`,
			);
			y += rowHeight;
		}
	}
	parts.push(`<text x="12" y="${height - 20}" font-size="12" fill="#555">${escape(note)}</text>`);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">${parts.join('')}</svg>`;
}

export function svgToPng(svg: string): Buffer {
	return new Resvg(svg, {
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
		fitTo: { mode: 'width', value: 1800 },
	})
		.render()
		.asPng();
}
