/**
 * AWS Lambda's default account limits that a stack can run into, with where to raise them. Pure
 * data: the preflight (infra/preflight) and `npm run bench -- --dry-run` read it.
 */
export const AWS_QUOTAS = {
  /**
   * Concurrent executions per account and region: 1,000 by default, and new accounts may start
   * lower ("Lambda quotas", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
   */
  concurrency: {
    defaultLimit: 1000,
    setting: 'faasbench:aws.concurrencyLimit',
    howToRaise:
      'see your account\'s with `aws lambda get-account-settings` (AccountLimit.ConcurrentExecutions) and request more in Service Quotas, quota L-B99A9384 "Concurrent executions" (https://console.aws.amazon.com/servicequotas/home/services/lambda/quotas/L-B99A9384)',
  },
} as const;
