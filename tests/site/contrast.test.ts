import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastRatio, ensureContrast } from '../../src/shared/contrast.ts';
import { contrastTransformer } from '../../src/lib/shiki-contrast.ts';

test('contrastRatio matches the WCAG reference values', () => {
	assert.equal(contrastRatio('#000000', '#ffffff'), 21);
	assert.equal(contrastRatio('#777777', '#777777'), 1);
	// #767676 on white is the usual example of a grey that just passes AA.
	assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
});

test('ensureContrast keeps readable colours and darkens or lightens the others just enough', () => {
	assert.equal(ensureContrast('#0550ae', '#ffffff', 4.5), '#0550ae');
	const onLight = ensureContrast('#eaeef2', '#ffffff', 4.5);
	const onDark = ensureContrast('#161b22', '#0d1117', 4.5);
	assert.ok(contrastRatio(onLight, '#ffffff') >= 4.5, onLight);
	assert.ok(contrastRatio(onDark, '#0d1117') >= 4.5, onDark);
	assert.ok(
		contrastRatio(onLight, '#ffffff') < 7,
		'stays close to the threshold, not jumping to black',
	);
});

test('the Shiki transformer fixes token colours per theme against that theme background', () => {
	const token = {
		type: 'element',
		properties: { style: '--shiki-light:#eaeef2;--shiki-dark:#E6EDF3' },
		children: [],
	};
	const pre = {
		type: 'element',
		properties: {
			style:
				'--shiki-light:#1f2328;--shiki-dark:#e6edf3;--shiki-light-bg:#ffffff;--shiki-dark-bg:#0d1117',
		},
		children: [{ type: 'element', properties: {}, children: [token] }],
	};
	const transformer = contrastTransformer(4.5);
	// The hook only reads the node it is given, so no Shiki context is needed.
	(transformer.pre as (node: unknown) => void).call({}, pre);
	const light = /--shiki-light:(#[0-9a-f]{6})/i.exec(token.properties.style)?.[1] ?? '';
	assert.ok(contrastRatio(light, '#ffffff') >= 4.5, light);
	assert.match(token.properties.style, /--shiki-dark:#E6EDF3/);
	assert.match(pre.properties.style, /--shiki-light-bg:#ffffff/);
});
