import * as pulumi from '@pulumi/pulumi';
import { ARM_ENDPOINT, SYNC_API_VERSION, syncFunctionTriggers } from './arm-sync.js';

export const SYNC_TRIGGERS_MODULE = 'faasbench-azure';
export const SYNC_TRIGGERS_TYPE = 'SyncTriggers';

export interface SyncTriggersInputs {
  /** Resource id of the Function App. */
  readonly appId: string;
  /** What the app runs; a new package means a new sync. */
  readonly packageSha256: string;
  /** An ARM bearer token, fetched for this `pulumi up`; never compared, so a fresh one changes nothing. */
  readonly token: string;
  readonly armEndpoint: string;
  readonly apiVersion: string;
}

export interface SyncTriggersOutputs {
  readonly appId: string;
  readonly packageSha256: string;
  readonly armEndpoint: string;
  readonly apiVersion: string;
  readonly attempts: number;
}

/**
 * Created once the app exists and updated whenever its package changes; each time it syncs the
 * app's triggers (arm-sync.ts). Deleting it does nothing: the app goes with its own resource.
 * The provider's methods call only syncFunctionTriggers, which Pulumi serializes along.
 */
export const syncTriggersProvider: pulumi.dynamic.ResourceProvider<SyncTriggersInputs, SyncTriggersOutputs> = {
  async create(inputs) {
    const { attempts } = await syncFunctionTriggers(inputs);
    return { id: `${inputs.appId}/syncfunctiontriggers`, outs: withoutToken(inputs, attempts) };
  },
  async diff(_id, olds, news) {
    const changed = (['appId', 'packageSha256', 'armEndpoint', 'apiVersion'] as const).filter((key) => olds[key] !== news[key]);
    return { changes: changed.length > 0, replaces: changed.includes('appId') ? ['appId'] : [] };
  },
  async update(_id, _olds, news) {
    const { attempts } = await syncFunctionTriggers(news);
    return { outs: withoutToken(news, attempts) };
  },
  async delete() {
    // Nothing to undo: a sync leaves no object behind.
  },
};

function withoutToken(inputs: SyncTriggersInputs, attempts: number): SyncTriggersOutputs {
  return { appId: inputs.appId, packageSha256: inputs.packageSha256, armEndpoint: inputs.armEndpoint, apiVersion: inputs.apiVersion, attempts };
}

export interface SyncTriggersArgs {
  readonly appId: pulumi.Input<string>;
  readonly packageSha256: pulumi.Input<string>;
  readonly token: pulumi.Input<string>;
  /** @default Azure's public cloud */
  readonly armEndpoint?: pulumi.Input<string>;
}

/** Syncs one Function App's triggers as part of `pulumi up`. */
export class SyncTriggers extends pulumi.dynamic.Resource {
  declare readonly appId: pulumi.Output<string>;
  declare readonly packageSha256: pulumi.Output<string>;
  declare readonly attempts: pulumi.Output<number>;

  constructor(name: string, args: SyncTriggersArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      syncTriggersProvider,
      name,
      {
        appId: args.appId,
        packageSha256: args.packageSha256,
        token: pulumi.secret(args.token),
        armEndpoint: args.armEndpoint ?? ARM_ENDPOINT,
        apiVersion: SYNC_API_VERSION,
        attempts: undefined,
      },
      opts,
      SYNC_TRIGGERS_MODULE,
      SYNC_TRIGGERS_TYPE,
    );
  }
}
