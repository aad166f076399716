import type { ServiceDescriptor } from '@app/common';
import { FeedbackEnv } from './config/feedback.env';
import { FeedbackModule } from './feedback.module';

export const feedbackService: ServiceDescriptor<FeedbackEnv> = {
  service: 'feedback',
  envClass: FeedbackEnv,
  module: (env, options) => FeedbackModule.register(env, options),
  openApi: { title: 'Feedback service', description: 'Complaints with deadlines and escalation, consultations, after-sales requests, surveys, service KPIs.' },
};
