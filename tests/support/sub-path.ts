// The sub-path the deployment and browser tests serve the course under, and the configuration
// that builds it. `npm test` builds it once and names the folder in SUB_PATH_DIST (scripts/test-all.ts
// repeats the configuration's path, since scripts may not import tests).

/** The base the sub-path build is served under. */
export const subPath = '/courses/client-server/';
/** The course configuration whose base is `subPath`. */
export const SUB_PATH_CONFIG = 'tests/fixtures/course-config/subpath.yaml';
