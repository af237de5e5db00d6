// The web-tier lab: a web server that answers static files from PUBLIC_DIR itself and forwards
// /api/ to an application server, judged with a random site and secret files planted beside it.
import { defineLab } from '../../src/harness/index.ts';
import { appRefused502, forwardsApi, relaysApiResponse, routesByPrefix } from './checks/api.ts';
import { decodesPaths, rejectsBadEncoding } from './checks/decoding.ts';
import { missing404, servesIndex } from './checks/folders.ts';
import { headRequests, methodNotAllowed } from './checks/methods.ts';
import { contentTypes, servesFiles } from './checks/static-files.ts';
import {
	blocksAbsolutePaths,
	blocksDotSegments,
	blocksEncodedTraversal,
} from './checks/traversal.ts';

export default defineLab({
	id: 'web-tier',
	title: 'A web server in front of an application server',
	entry: 'web.js',
	// Each check spends most of its time starting Node and waiting on sockets, so two at a time halve
	// the wall time without crowding two cores.
	concurrency: 2,
	checks: [
		servesFiles,
		contentTypes,
		servesIndex,
		missing404,
		decodesPaths,
		headRequests,
		methodNotAllowed,
		blocksDotSegments,
		blocksEncodedTraversal,
		blocksAbsolutePaths,
		rejectsBadEncoding,
		routesByPrefix,
		forwardsApi,
		relaysApiResponse,
		appRefused502,
	],
});
