import 'reflect-metadata';
import { startService } from '@app/common';
import { messagingService } from './messaging.service-descriptor';

void startService(messagingService);
