import 'reflect-metadata';
import { startService } from '@app/common';
import { feedbackService } from './feedback.service-descriptor';

void startService(feedbackService);
