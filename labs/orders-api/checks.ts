// Checks for the orders-api lab: a JSON API whose status codes tell the client what happened.
// They run in the order a learner usually builds the server: catalogue, orders, token, validation,
// then routing details.
import { defineLab } from '../../src/harness/index.ts';
import { requiresToken, tokenCheckedFirst } from './checks/auth.ts';
import { createsOrder, getsOrder, uniqueOrderIds } from './checks/orders.ts';
import { getsProduct, listsProducts } from './checks/products.ts';
import { keepsServing } from './checks/keeps-serving.ts';
import { ignoresQueryString, methodNotAllowed, unknownPath404 } from './checks/routing.ts';
import {
	rejectsBadQuantity,
	rejectsInvalidJson,
	rejectsMissingFields,
	rejectsUnknownProduct,
} from './checks/validation.ts';

export default defineLab({
	id: 'orders-api',
	title: 'Orders API: requests, responses and status codes',
	entry: 'server.js',
	checks: [
		listsProducts,
		getsProduct,
		createsOrder,
		getsOrder,
		requiresToken,
		tokenCheckedFirst,
		rejectsInvalidJson,
		rejectsMissingFields,
		rejectsBadQuantity,
		rejectsUnknownProduct,
		uniqueOrderIds,
		methodNotAllowed,
		unknownPath404,
		ignoresQueryString,
		keepsServing,
	],
});
