import type { ServiceDescriptor } from '@app/common';
import { SegmentsEnv } from './config/segments.env';
import { SegmentsModule } from './segments.module';

export const segmentsService: ServiceDescriptor<SegmentsEnv> = {
  service: 'segments',
  envClass: SegmentsEnv,
  module: (env, options) => SegmentsModule.register(env, options),
  openApi: { title: 'Segments service', description: 'RFM scoring, lifecycle stages, marketing campaigns.' },
};
