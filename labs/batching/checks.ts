// The batching lab: a batch endpoint in front of a fake API that answers single requests, judged
// by what the API receives, how many requests it holds at once, and the order of the answers.
import { defineLab } from '../../src/harness/index.ts';
import { answersInOrder, keepsSubStatus, nonGet405 } from './checks/answers.ts';
import { limitsConcurrency, sendsConcurrently } from './checks/concurrency.ts';
import { apiFailure502 } from './checks/failures.ts';
import { batchRoute, rejectsInvalidBody, rejectsTooLarge } from './checks/validation.ts';

export default defineLab({
	id: 'batching',
	title: 'A batch endpoint',
	entry: 'server.js',
	// The concurrency checks spend their time waiting on the API's delays, so two checks at a time
	// shorten the run without crowding two cores.
	concurrency: 2,
	checks: [
		answersInOrder,
		keepsSubStatus,
		nonGet405,
		apiFailure502,
		sendsConcurrently,
		limitsConcurrency,
		rejectsInvalidBody,
		rejectsTooLarge,
		batchRoute,
	],
});
