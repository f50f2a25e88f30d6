import type { NameLimit } from '../naming.js';

/** Script names are the first label of `<script>.<subdomain>.workers.dev`: a DNS label's 63. */
export const WORKERS_SCRIPT_NAME: NameLimit = { maxLength: 63, resource: 'Cloudflare Workers script names (the first label of <script>.<subdomain>.workers.dev)' };
