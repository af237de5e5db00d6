import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import 'monaco-editor/languages/definitions/javascript/register';
import {
	javascriptDefaults,
	ModuleKind,
	ModuleResolutionKind,
	ScriptTarget,
} from 'monaco-editor/languages/features/typescript/register';
// The editor contributions a learner expects while writing a small server, rather than all of them
// (`features/register.all` adds about 300 KB gzip of features this workspace never shows). The
// TypeScript features need the services of documentSymbols, codelens and dropOrPasteInto.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codelens/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/dropOrPasteInto/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import nodeTypes from './node-subset.d.ts.txt?raw';
import { applySiteTheme } from './theme.ts';

// Everything the editor needs, in one module that the workspace imports dynamically: Monaco and
// its CSS arrive with this chunk only, never on pages without a lab.

self.MonacoEnvironment = {
	getWorker(_workerId: string, label: string): Worker {
		return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
	},
};

// Labs are plain JavaScript ES modules on Node: check them as such, with Node's built-ins typed by
// a small hand-written library rather than all of @types/node.
javascriptDefaults.setCompilerOptions({
	allowJs: true,
	checkJs: true,
	allowNonTsExtensions: true,
	target: ScriptTarget.ESNext,
	module: ModuleKind.ESNext,
	moduleResolution: ModuleResolutionKind.NodeJs,
	noEmit: true,
	strict: false,
	lib: ['esnext', 'dom'],
});
// Errors that flag real mistakes stay (unknown names, misspelt members with a "did you mean",
// wrong argument counts, missing modules); those that only reflect JavaScript's loose object types
// go, such as a property added to an object after it was created or `{}` passed as headers.
const looseTypeErrors = [
	2322, // Type is not assignable.
	2339, // Property does not exist on type (2551, its "did you mean" twin, stays).
	2345, // Argument type is not assignable.
	2769, // No overload matches this call.
];
javascriptDefaults.setDiagnosticsOptions({
	noSemanticValidation: false,
	noSyntaxValidation: false,
	diagnosticCodesToIgnore: looseTypeErrors,
});
javascriptDefaults.addExtraLib(nodeTypes, 'file:///node_modules/@types/node/index.d.ts');

let ready: Promise<typeof monaco> | undefined;

/** The Monaco API, once its themes are in place; every lab on the page shares one setup. */
export function loadMonaco(): Promise<typeof monaco> {
	ready ??= applySiteTheme(monaco).then(() => monaco);
	return ready;
}
