/**
 * Where Azure serves the measurement function. The deploy builds endpoint URLs from these and the
 * entry module registers under the same name, so the two cannot drift apart.
 */

/** The one HTTP function in every Function App; v4 uses the name as the route. */
export const FUNCTION_NAME = 'measure';

/** host.json's default routePrefix is "api"; faasbench's host.json leaves it alone. */
export const ROUTE_PATH = `/api/${FUNCTION_NAME}`;
