import * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { CHAIN_ENV } from '../../measurement-functions/chain/chain-env.js';
import { STORE_ENV } from '../../measurement-functions/storage/store-env.js';
import { chainHopEnv } from '../chain-hops.js';
import type { AppSetting } from './app-settings.js';
import type { TransferContainer } from './transfer-container.js';

/**
 * The app settings that make one Function App hop `position` of its replica's chain: the chain
 * settings every vendor shares, the next app's HTTPS endpoint (an Output: that app is deployed
 * first), and on a storage chain the transfer container's URL and its SAS, a secret. Only chain
 * apps get any of these; the SAS only those of storage chains.
 */
export function chainAppSettings(
  sub: ResolvedSubExperiment,
  position: number,
  nextHopUrl: pulumi.Output<string> | null,
  transfers: TransferContainer | null,
): AppSetting[] {
  const settings: AppSetting[] = Object.entries(chainHopEnv(sub, 'azure', position, null)).map(([name, value]) => ({ name, value }));
  if (nextHopUrl !== null) settings.push({ name: CHAIN_ENV.nextHopUrl, value: nextHopUrl });
  if (transfers !== null) {
    settings.push({ name: STORE_ENV.containerUrl, value: transfers.containerUrl }, { name: STORE_ENV.sas, value: pulumi.secret(transfers.sas) });
  }
  return settings;
}
