// Serves a small folder with Debian's caddy and deploy/caddy/Caddyfile and holds it to the same
// checks as the nginx configuration.
import { caddyMissing, startCaddy } from './support/caddy.ts';
import { describeHostBasics } from './support/host-checks.ts';

describeHostBasics('deploy/caddy/Caddyfile', startCaddy, caddyMissing());
describeHostBasics('caddyfile() for a sub-path', startCaddy, caddyMissing(), '/courses/client-server/');
