/**
 * Azure Functions' default subscription limits that a stack can run into, with where to raise
 * them. Pure data for the preflight (infra/preflight) and `--dry-run`.
 * Source: "Azure subscription and service limits", Azure Functions limits,
 * https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-functions-limits
 */
export const AZURE_QUOTAS = {
  /** Linux Consumption: "App Service plans: 100 per region"; faasbench makes one per sub-experiment. */
  consumptionPlans: {
    defaultLimit: 100,
    setting: 'faasbench:azure.plansPerRegionLimit',
    howToRaise:
      'plans the subscription already has in the region count too; ask for more with a support request, "Service and subscription limits (quotas)" (https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest), or split the experiments over stacks in other locations',
  },
  /**
   * Flex Consumption: every region of a subscription may run 512,000 MB of instance memory across
   * all Flex apps; past it, apps stop scaling out
   * (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#regional-subscription-memory-quotas).
   */
  flexMemory: {
    defaultLimitMb: 512_000,
    setting: 'faasbench:azure.flexMemoryLimitMb',
    howToRaise:
      'other Flex apps of the subscription in the region count too; ask for more with a support request (https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest)',
  },
} as const;
