import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { buildServiceAccountId, serviceAccountResourceName } from './names.js';

/**
 * Roles Cloud Build needs to build a function as a service account of the user's choosing:
 * writing build logs, reading the function's source from Cloud Storage, and pushing the image.
 * Google, "Custom service account for Cloud Build"
 * (https://cloud.google.com/functions/docs/securing/build-custom-sa) and Cloud Run's "Build
 * service account" page (https://cloud.google.com/run/docs/configuring/services/build-service-account),
 * which lists Storage Object Admin for the source bucket. Artifact Registry Writer is granted on
 * the stack's image repository only, since every build pushes there (buildConfig.dockerRepository).
 */
export const BUILD_PROJECT_ROLES = ['roles/logging.logWriter', 'roles/storage.objectAdmin'] as const;
export const BUILD_REPOSITORY_ROLE = 'roles/artifactregistry.writer';

export interface BuildServiceAccount {
  /** projects/<project>/serviceAccounts/<email>: buildConfig.serviceAccount. */
  readonly name: pulumi.Output<string>;
  /** What a function must wait for before its first build: the account and its roles. */
  readonly ready: pulumi.Resource[];
}

/**
 * Since July 2024 new projects build with a Cloud Build default service account that may lack
 * the permissions a function build needs ("Cloud Build service account change",
 * https://cloud.google.com/build/docs/cloud-build-service-account-updates). So every function
 * names its build service account: the one the stack config gives (faasbench:gcp.buildServiceAccount,
 * whose roles are the user's to grant), or one the stack makes and grants these roles to.
 */
export function buildServiceAccount(
  name: string,
  args: { readonly project: string; readonly stackName: string; readonly existingEmail: string | undefined; readonly repository: gcp.artifactregistry.Repository },
  options: pulumi.CustomResourceOptions,
): BuildServiceAccount {
  if (args.existingEmail !== undefined) {
    return { name: pulumi.output(serviceAccountResourceName(args.project, args.existingEmail)), ready: [] };
  }
  const account = new gcp.serviceaccount.Account(
    `${name}-build-account`,
    {
      accountId: buildServiceAccountId(args.project, args.stackName),
      displayName: `faasbench builds of stack ${args.stackName}`,
      description: 'Cloud Build builds the stack\'s functions as this account; deleted with the stack.',
    },
    options,
  );
  const member = pulumi.interpolate`serviceAccount:${account.email}`;
  const grants: pulumi.Resource[] = BUILD_PROJECT_ROLES.map(
    (role) => new gcp.projects.IAMMember(`${name}-build-${role.replace(/^roles\//, '').replace(/\./g, '-')}`, { project: args.project, role, member }, options),
  );
  grants.push(
    new gcp.artifactregistry.RepositoryIamMember(
      `${name}-build-artifactregistry-writer`,
      { project: args.project, location: args.repository.location, repository: args.repository.repositoryId, role: BUILD_REPOSITORY_ROLE, member },
      options,
    ),
  );
  return { name: account.name, ready: [account, ...grants] };
}
