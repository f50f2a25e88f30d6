/**
 * Cloudflare Workers' account limits that a stack can run into. Pure data for the preflight
 * (infra/preflight) and `--dry-run`. Source: "Limits", Account plan limits, Number of Workers:
 * 500 on Workers Paid, 100 on Free (https://developers.cloudflare.com/workers/platform/limits/#account-plan-limits).
 */
export const CLOUDFLARE_QUOTAS = {
  scripts: {
    defaultLimit: { paid: 500, free: 100 },
    setting: 'faasbench:cloudflare.scriptLimit',
    howToRaise:
      'the limit is for the whole account, so scripts it already has (other stacks included) count too; Workers Paid accounts can ask for more through the limit increase request linked from https://developers.cloudflare.com/workers/platform/limits/',
  },
} as const;
