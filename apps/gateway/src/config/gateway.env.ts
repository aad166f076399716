import { IsUrl } from 'class-validator';
import { BaseEnv } from '@app/common';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Environment of the gateway: the shared variables plus where each service answers. */
export class GatewayEnv extends BaseEnv {
  @IsUrl(url) MEMBERS_URL!: string;
  @IsUrl(url) POINTS_URL!: string;
  @IsUrl(url) SEGMENTS_URL!: string;
  @IsUrl(url) FEEDBACK_URL!: string;
}
